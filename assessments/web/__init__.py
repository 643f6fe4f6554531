"""The live app: the factory, its typed context, and one blueprint per face."""
