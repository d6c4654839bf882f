"""Sessions and their breakout groups: sessions, keep-apart/together rules, the group builder."""
