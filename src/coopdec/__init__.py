"""coopdec: the information system of decentralised cooperation."""
