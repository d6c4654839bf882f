"""The six-month follow-up: about six months after an event each participant rates what came
of each meeting ("No contact", "Knowledge gained", "Joint action", "Cooperation agreement"), and
`flask send-meeting-reminders` asks those who have not answered yet, once and then once more."""
