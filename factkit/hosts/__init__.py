"""Host adapters: how a site generator drives the engine (factkit.site). Only these import a host."""
