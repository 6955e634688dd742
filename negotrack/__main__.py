"""``python -m negotrack``."""

from negotrack.cli.root import main

if __name__ == "__main__":
    main()
