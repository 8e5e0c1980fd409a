"""Board reports: figures computed from a board's own lake datasets, disclosure-controlled, rendered
as text or as a self-contained HTML page."""
