"""A buyer's own Word questionnaire: find its questions and answer places, answer them from the
profile and the library, and write the answers back into the buyer's file."""
