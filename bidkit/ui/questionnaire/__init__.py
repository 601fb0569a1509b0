"""The parts of the Questionnaires page: section tree, answer editors, badge and dialogs."""
