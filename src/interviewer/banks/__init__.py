"""Question banks: one YAML file per track, validated at load."""
