"""Knowledge of Chinese text shared by the rules: marks and character classes (:mod:`marks`),
word boundaries (:mod:`words`), how paragraphs end, start and join (:mod:`paragraphs`), figures
(:mod:`numbers`) and near-copy fingerprints (:mod:`similarity`)."""
