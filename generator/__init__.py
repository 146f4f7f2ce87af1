"""Press-conference transcripts to a static site: read → clean → parse → resolve → structure
→ render → write → site. See README.md for the tour."""
