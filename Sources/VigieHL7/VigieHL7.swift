// VigieHL7 — see DESIGN.md for what this layer owns.
