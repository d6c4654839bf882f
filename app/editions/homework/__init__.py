"""Homework: assignments, participants' answers and the coaches' feedback."""
