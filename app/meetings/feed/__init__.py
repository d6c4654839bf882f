"""The private calendar feed: "Subscribe to my meetings" gives each person a secret link that
serves all their published meetings, across events, as one calendar."""
