"""Cell and table checks: raw cells become clean values and Indonesian findings."""
