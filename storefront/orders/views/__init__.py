"""Shopper views of a market host: checkout (checkout.py) and orders (orders.py)."""
