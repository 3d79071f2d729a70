"""The bottom floor: facts and types every other layer may use; imports nothing of xl-iku above it."""
