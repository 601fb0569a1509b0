"""BidKit: offline bid preparation for UK social enterprises, charities and co-operatives."""

__version__ = "0.1.0"
APP_NAME = "BidKit"
