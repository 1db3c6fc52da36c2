"""Document intake: a news page, report or feed item becomes proposed facts for a curator.

Data flows one way: `read/` turns a file, URL or feed into `Document`s (plain text plus what is
known about it); `recognise/` finds the entities, dates and relationships the text states and
returns a `Proposal`, every fact with its evidence (the sentence, character offsets, the rule and a
confidence); `store/proposals.py` keeps proposals in Neo4j apart from the graph until a curator
accepts them through the loader's own validation.
"""
