"""The officials' feedback inbox: lists, the report page and one small form per workflow action."""
