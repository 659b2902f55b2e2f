"""Action plans (the "Kursbuch") and the library of approaches that worked."""
