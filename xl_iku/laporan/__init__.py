"""Reports rendered from a computed workbook (PDF through LibreOffice)."""
