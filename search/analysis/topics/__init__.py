"""Policy topics: the taxonomy, topic queries and assignment, discovered phrases, fuzzy topic search."""
