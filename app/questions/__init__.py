"""Reading the question bank: browse, search, topics."""
