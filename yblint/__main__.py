import sys

from yblint.cli import main

sys.exit(main())
