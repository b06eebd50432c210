"""Knowledge of Chinese text shared by the rules: marks and character classes (:mod:`marks`),
word boundaries (:mod:`words`), how paragraphs end, start and join (:mod:`paragraphs`), figures
(:mod:`numbers`), near-copy fingerprints (:mod:`similarity`) and the book index of names,
slogans, figures and cut-offs that the whole-book rules share (:mod:`book_index`)."""
