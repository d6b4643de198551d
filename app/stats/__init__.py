"""Statistics page helpers: dependency-free inline SVG charts."""
