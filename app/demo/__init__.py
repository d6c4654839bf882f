"""The demo community: realistic cluster managers, challenges and replies for `flask seed-demo`.

places.py, vocabulary.py, texts.py and challenge_texts.py (reading data/challenge_banks.json) hold
the word banks; people.py and challenges.py generate plain data from one random.Random; seed.py
writes it in bulk; commands.py adds the CLI commands.
"""

from app.demo.seed import DEFAULT_SEED, DEMO_LOGINS, DEMO_PASSWORD, seed_demo_community

__all__ = ["DEFAULT_SEED", "DEMO_LOGINS", "DEMO_PASSWORD", "seed_demo_community"]
