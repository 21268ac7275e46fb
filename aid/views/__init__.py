"""The aid pages: thin views over the models, forms and services."""
