"""The free-text key-point matcher: tolerances, false positives, and the real question bank."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from app.grading import KeyPointResult, RubricResult, grade_answer
from app.grading.text import MAX_ANSWER_CHARS

BANK_DIR = Path(__file__).resolve().parents[2] / "questions"


def evidence(answer: str, *phrases: str) -> str | None:
    """The evidence for a single key point made of ``phrases``."""
    return grade_answer(answer, [("point", phrases)]).points[0].evidence


def covers(answer: str, *phrases: str) -> bool:
    return evidence(answer, *phrases) is not None


# --- tolerances -------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["DROPOUT helps", "Dropout helps", "dRoPoUt helps"])
def test_case_is_ignored(answer: str) -> None:
    assert covers(answer, "dropout")
    assert covers("dropout", "DropOut")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("we normalise the inputs", "normalization"),
        ("normalizing the activations", "normalisation"),
        ("apply a normalization layer", "normalise"),
        ("the model overfits", "overfitting"),
        ("it is overfitting badly", "overfit"),
        ("it overfitted after ten epochs", "overfit"),
        ("many gradients", "gradient"),
        ("the gradient", "gradients"),
        ("the biases", "bias"),
        ("both losses", "loss"),
        ("dependencies", "dependency"),
        ("updating the weights", "update"),
        ("weights are updated", "update"),
        ("the gates", "gating"),
        ("we randomly drop units", "random"),
        ("labelled data", "labeled"),
        ("modelling sequences", "modeling"),
        ("the layers", "layer"),
        ("CNNs", "cnn"),
    ],
)
def test_word_forms_match(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("regularisation", "regularization"),
        ("regularizer", "regularisation"),
        ("optimiser", "optimizer"),
        ("colour", "color"),
        ("neighbouring", "neighboring"),
        ("zero-centred", "zero-centered"),
        ("analysed", "analyze"),
        ("grey patch", "gray patch"),
    ],
)
def test_british_and_american_spellings_match(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)
    assert covers(phrase, answer)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("use mini-batch GD", "minibatch"),
        ("use minibatch GD", "mini-batch"),
        ("use mini batch GD", "mini-batch"),
        ("use minibatches", "mini batch"),
        ("a non linear map", "nonlinear"),
        ("nonlinearity", "non-linearity"),
        ("fine tuning the model", "fine-tun"),
        ("it was finetuned", "fine-tun"),
        ("a many to one RNN", "many-to-one"),
        ("self supervised pretraining", "self-supervised"),
        ("batchnorm", "batch norm"),
        ("bias/variance trade off", "bias-variance"),
    ],
)
def test_hyphens_and_spaces_are_interchangeable(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("the gradiant is small", "gradient"),
        ("via backpropogation", "backpropagation"),
        ("via backpropogation", "backprop"),
        ("errors are backpropogated", "backpropagat"),
        ("the sigmod function", "sigmoid"),
        ("two sigmods", "sigmoid"),
        ("tahn activation", "tanh"),
        ("a probabilty", "probabilit"),
        ("vanising gradiants", "vanishing gradient"),
        ("regularizaton", "regularization"),
        ("the learnign rate", "learning rate"),
    ],
)
def test_small_typos_match(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("the grdnt is small", "gradient"),  # three edits
        ("relux", "tanh"),
        ("sigmxyd", "sigmoid"),  # two edits on a seven-letter word
        ("tnah", "than"),
    ],
)
def test_larger_typos_do_not_match(answer: str, phrase: str) -> None:
    assert not covers(answer, phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("we have it", "halve"),
        ("the learning rate", "gate"),
        ("with padding", "width"),
        ("Adam is fine", "adamw"),
        ("we rely on it", "relu"),
        ("a regular grid", "regulari"),
        ("the standard choice", "standardi"),
        ("a simple model", "sample"),
        ("the same task", "mask"),
        ("a critical point", "critic"),
    ],
)
def test_real_words_are_not_read_as_typos_of_others(answer: str, phrase: str) -> None:
    assert not covers(answer, phrase)


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("pooling downsamples the map", "downsampl"),
        ("down-sampling", "downsampl"),
        ("batch normalisation", "normalis"),
        ("batch normalization", "normalis"),
        ("sigmoid saturates", "saturat"),
        ("saturation", "saturat"),
        ("hierarchical features", "hierarch"),
        ("translation invariance", "invarian"),
        ("long-term dependencies", "long-term dependenc"),
    ],
)
def test_author_stems_match_longer_words(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


def test_regex_phrases_are_case_insensitive_python_regexes() -> None:
    pattern = r"re:w\s*\*?\s*x\s*\+\s*b"
    assert evidence("z = W*x + b", pattern) == "W*x + b"
    assert covers("z = w·x + b", pattern)
    assert covers("e.g. 3 x 4 is 12", r"re:\d+\s*[x×*·]\s*\d+")
    assert not covers("no numbers here", r"re:\d+\s*[x×*·]\s*\d+")
    assert covers("theta ← θ − lr * grad", r"re:θ\s*[-−←]")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("relu(x) = max(0, x)", "max(0"),
        ("scale by 1 / (1 − p)", "1/(1-p)"),
        ("z = wx+b", "wx + b"),
        ("attention is O(n²)", "o(n²)"),
        ("range (0,1)", "(0, 1)"),
        ("a 0.5 threshold", "0.5"),
        ("tf.Variable holds state", "tf.variable"),
    ],
)
def test_symbolic_phrases_match_with_any_spacing(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


def test_symbolic_phrases_respect_number_boundaries() -> None:
    assert not covers("a value of 10.5", "0.5")
    assert not covers("a value of 0.55", "0.5")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("the outputs sums up to one", "sum to one"),
        ("they sum to 1", "sum to one"),
        ("divide by the sum of exponentials", "divided by the sum"),
        ("divided by sum of all exps", "divided by the sum"),
        ("we subtract the maximum logit", "subtract the max"),
        ("a probability distribution over classes", "probability distribution"),
        ("it is not the number of parameters", "not the number of parameters"),
    ],
)
def test_multi_word_phrases_allow_small_gaps(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


def test_multi_word_phrases_keep_order_and_sentence() -> None:
    assert not covers("the sum of everything we saw in class is probably one", "sum to one")
    assert not covers("compute the sum. To one side we put the rest", "sum to one")
    assert not covers("gradient steps are big. Vanishing is rare", "vanishing gradient")
    assert not covers("one layer after another", "layer one")


def test_two_content_words_may_swap_around_a_linking_verb() -> None:
    assert evidence("the weights are shared over time", "shared weights") == "weights are shared"
    assert covers("the gradients vanish quickly", "vanishing gradient")
    assert not covers("the gradient of the negative log-likelihood", "negative gradient")
    assert not covers("if one of them", "1 if")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        ("slr cameras", "lr"),
        ("learning rate", "lr"),
        ("sgdm", "sgd"),
        ("l22 is not l2-ish", "l1"),
        ("organ and began", "gan"),
        ("an accurate model", "rate"),
        ("pretrained weights", "train"),
        ("exponential decay", "exp"),
        ("a prelu layer", "elu"),
    ],
)
def test_short_phrases_and_fragments_do_not_match_inside_words(answer: str, phrase: str) -> None:
    assert not covers(answer, phrase)


@pytest.mark.parametrize(("answer", "phrase"), [("LR schedule", "lr"), ("L2 penalty", "l2")])
def test_short_phrases_match_whole_tokens(answer: str, phrase: str) -> None:
    assert covers(answer, phrase)


def test_contractions_are_expanded() -> None:
    assert covers("it doesn't help", "does not help")
    assert covers("a linear model cannot capture it", "can't capture")
    assert covers("it can't capture XOR", "cannot capture")


def test_evidence_is_the_original_answer_text() -> None:
    assert evidence("We use Mini-Batch GD.", "minibatch") == "Mini-Batch"
    assert evidence("Softmax outputs SUM up to ONE.", "sum to one") == "SUM up to ONE"
    assert evidence("café — then the Gradiant", "gradient") == "Gradiant"


# --- results ----------------------------------------------------------------------------------

POINTS = [
    ("Randomly drops units", ["randomly", "drop"]),
    ("Reduces overfitting", ["regulari", "overfitting"]),
    ("Off at test time", ["test time", "inference"]),
]


@pytest.mark.parametrize("answer", ["", "   ", "\n\t"])
def test_empty_answer_covers_nothing(answer: str) -> None:
    result = grade_answer(answer, POINTS)
    assert result.score == 0.0
    assert result.covered == []
    assert result.missed == [label for label, _ in POINTS]
    assert all(p.evidence is None for p in result.points)


def test_result_lists_covered_and_missed_labels_and_scores() -> None:
    result = grade_answer("Dropout randomly zeroes units and acts as a regulariser.", POINTS)
    assert isinstance(result, RubricResult)
    assert result.points[0] == KeyPointResult("Randomly drops units", True, "randomly")
    assert result.covered == ["Randomly drops units", "Reduces overfitting"]
    assert result.missed == ["Off at test time"]
    assert result.score == pytest.approx(2 / 3)


def test_no_key_points_scores_zero() -> None:
    assert grade_answer("anything", []) == RubricResult([], 0.0)


def test_only_the_first_characters_of_an_answer_are_read() -> None:
    padding = "word " * (MAX_ANSWER_CHARS // 5)
    assert not covers(padding + "dropout", "dropout")
    assert covers("dropout " + padding, "dropout")


# --- the real bank ----------------------------------------------------------------------------


def load_bank() -> dict[str, dict]:
    questions: dict[str, dict] = {}
    for path in sorted(BANK_DIR.glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            questions[question["id"]] = question
    return questions


BANK = load_bank()


def key_points(question_id: str) -> list[tuple[str, Sequence[str]]]:
    return [(kp["label"], kp["phrases"]) for kp in BANK[question_id]["key_points"]]


# Interview-style answers as a learner would type them, typos included.
LEARNER_ANSWERS = {
    "dropout": (
        "Dropout randomly switches off neurons with some probabilty p during training, so the "
        "network cant rely on any single unit. It works as a regulariser and reduces overfiting "
        "because units stop co-adapting. You can see it as training an ensemble of many thinned "
        "sub networks that share weights. At test time its turned off; with inverted dropout the "
        "kept activations are scaled by 1/(1-p) during training so nothing changes at inference."
    ),
    "softmax-function": (
        "Softmax takes a vector of logits and turns them into a probability distribution: you "
        "exponentiate each score and divide by the sum of the exponentials, so the outputs are "
        "positive and sum up to one. It's used in the output layer for multiclass classification "
        "together with cross entropy loss. For numerical stabilty you subtract the max logit "
        "first, which doesn't change the result because softmax is shift invariant. It's a smooth "
        "differentiable version of argmax and a temperature controls how peaked it is."
    ),
    "gradient-descent": (
        "Gradient descent is an iterative optimisation algorithm that minimizes a loss function. "
        "At every step we compute the gradiant of the loss wrt the parameters and move in the "
        "opposite direction, the direction of steepest descent: theta = theta - lr * grad. The "
        "step size is called the learning rate. For convex problems it finds the global minimum, "
        "otherwise it usually ends up in a local minima."
    ),
    "vanishing-exploding-gradients": (
        "During backpropogation the gradient is a product of many terms by the chain rule, one per "
        "layer or time step. If those factors are smaller than one the gradients shrink "
        "exponentially and the early layers basically stop learning. If they're bigger than one "
        "they grow and explode, giving unstable updates and NaN losses. Fixes: ReLU, careful "
        "initialisation like He or Xavier, residual connections, LSTMs or GRUs, gradient clipping."
    ),
    "overfitting-and-underfitting": (
        "Overfitting is when the model memorises the training data including the noise, so it has "
        "low training error but doesnt generalize to new data - high variance. Underfitting is "
        "when the model is too simple to capture the pattern so both training and validation "
        "error are high (high bias). Against overfitting use regularization like weight decay, "
        "dropout, early stopping, data augmentation or more data. For underfitting use a bigger "
        "model, train longer or reduce regularisation. Compare training and validation curves."
    ),
    "how-lstm-works": (
        "An LSTM keeps a cell state that acts as long term memory next to the hidden state. The "
        "forget gate decides what to erase from the cell state, the input gate with a candidate "
        "vector decides what new info to write, and the output gate decides which part of the "
        "cell becomes the hidden state h_t. The gates are sigmoids and since the cell update is "
        "additive the gradient can flow over long spans, avoiding the vanishing gradiant problem."
    ),
    "batch-vs-stochastic-gd": (
        "Batch gradient descent computes the gradient over the entire dataset before each "
        "update, so the gradient is exact and smooth but every step is slow and needs lots of "
        "memory. Stochastic GD updates after every single example, so updates are cheap and "
        "frequent but noisy and the loss zig-zags. In practice people use mini-batch gradient "
        "descent as a compromise, with batches of 32 to 256 examples."
    ),
    "pooling": (
        "Pooling downsamples each feature map so the spatial size and the computation go down. "
        "Max pooling takes the maximum in every window, average pooling takes the mean. Usually "
        "it's a 2x2 window with stride 2, which halves height and width. There are no learnable "
        "parameters and it works on each channel seperately. It also makes the network a bit "
        "more robust to small translations of the input."
    ),
    "gan": (
        "A GAN has two networks. The generator takes random noise from a latent space and "
        "produces fake samples, and the discriminator tries to classify inputs as real or fake. "
        "They're trained adversarially in a minimax game: the generator wants to fool the "
        "discriminator. At the equilibrium the generated distribution matches the data "
        "distribution and D outputs 0.5 everywhere. In practise training is unstable and can "
        "suffer from mode collapse."
    ),
    "weight-initialization": (
        "If you initialise all weights to zero every neuron in a layer computes the same output "
        "and gets the same gradient, so the symmetry is never broken. So weights are drawn "
        "randomly, e.g. from a gaussian. The scale should depend on the fan-in: Xavier/Glorot "
        "for tanh and He/Kaiming init for ReLU, which keeps the variance of activations stable "
        "and avoids vanishing or exploding gradients. Biases are usually started at zero."
    ),
}

COOKING = (
    "To make a good risotto you toast the rice in butter, add warm stock one ladle at a time "
    "and stir constantly. Season with salt, finish with parmesan and let it rest a couple of "
    "minutes before serving. A heavy pan helps the heat spread evenly."
)


def test_learner_answers_come_from_several_topics() -> None:
    assert len({BANK[qid]["topic"] for qid in LEARNER_ANSWERS}) >= 6


@pytest.mark.parametrize("question_id", sorted(LEARNER_ANSWERS))
def test_good_learner_answer_covers_most_key_points(question_id: str) -> None:
    result = grade_answer(LEARNER_ANSWERS[question_id], key_points(question_id))
    assert result.score >= 0.6, result.missed
    assert all(p.evidence for p in result.points if p.covered)


def test_good_learner_answers_cover_nearly_everything_overall() -> None:
    scores = [grade_answer(a, key_points(q)).score for q, a in LEARNER_ANSWERS.items()]
    assert sum(scores) / len(scores) >= 0.9


@pytest.mark.parametrize("question_id", sorted(LEARNER_ANSWERS))
def test_empty_answer_covers_no_bank_key_point(question_id: str) -> None:
    assert grade_answer("", key_points(question_id)).covered == []


def test_cooking_answer_covers_at_most_one_key_point_of_any_bank_question() -> None:
    for question_id in BANK:
        covered = grade_answer(COOKING, key_points(question_id)).covered
        assert len(covered) <= 1, (question_id, covered)


# An answer to a question on another part of deep learning.
OFF_TOPIC = {
    "batch-vs-stochastic-gd": "pooling",
    "dropout": "gradient-descent",
    "gan": "batch-vs-stochastic-gd",
    "gradient-descent": "how-lstm-works",
    "how-lstm-works": "pooling",
    "overfitting-and-underfitting": "how-lstm-works",
    "pooling": "gan",
    "softmax-function": "weight-initialization",
    "vanishing-exploding-gradients": "pooling",
    "weight-initialization": "softmax-function",
}


@pytest.mark.parametrize("question_id", sorted(OFF_TOPIC))
def test_answer_on_another_topic_covers_at_most_one_key_point(question_id: str) -> None:
    other = OFF_TOPIC[question_id]
    assert BANK[other]["topic"] != BANK[question_id]["topic"]
    covered = grade_answer(LEARNER_ANSWERS[other], key_points(question_id)).covered
    assert len(covered) <= 1, covered


def test_answers_on_other_topics_cover_little_overall() -> None:
    scores = [
        grade_answer(answer, key_points(question_id))
        for question_id in LEARNER_ANSWERS
        for other_id, answer in LEARNER_ANSWERS.items()
        if BANK[other_id]["topic"] != BANK[question_id]["topic"]
    ]
    assert max(len(result.covered) for result in scores) <= 2
    assert sum(result.score for result in scores) / len(scores) <= 0.15


# This label describes the kind of evidence (numbers), which no phrase of the label itself shows.
KNOWN_LABEL_GAPS = {"elementwise-multiplication": {"A concrete numeric example"}}


@pytest.mark.parametrize("question_id", sorted(BANK))
def test_each_key_point_label_covers_its_own_key_point(question_id: str) -> None:
    missed = {
        label
        for label, phrases in key_points(question_id)
        # A label is a fragment, not a claim: graded without the claim rule.
        if not grade_answer(label, [(label, phrases)], require_claims=False).points[0].covered
    }
    assert missed <= KNOWN_LABEL_GAPS.get(question_id, set())
