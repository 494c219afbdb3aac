"""The chat's pages on a market host (shopper ↔ market team), over the public chat service
(asoud.chat). A package of pages, not an app: the conversations live in the public schema."""
