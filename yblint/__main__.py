from yblint.cli import run

run()
