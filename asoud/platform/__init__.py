"""Platform pages on the base domain (the marketplace home, opening a market): an interface layer
over accounts, tenants and the public services. No models; not an installed app."""
