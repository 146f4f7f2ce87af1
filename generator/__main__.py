import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while starting: nothing was done yet
    sys.exit(130)

main(prog_name="python -m generator")
