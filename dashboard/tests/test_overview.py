def test_placeholder(alpha_client, market_alpha):
    assert market_alpha.slug == "alpha"
