"""Misconceptions, negation, clause boundaries and claim-less answers."""

import pytest

from app.grading import Misconception, Point, grade_answer

BAGGING = [
    Point(
        "Bagging reduces variance",
        ("bagging reduces variance", "averaging lowers the variance"),
        (Misconception("Bagging reduces bias", ("bagging reduces bias",)),),
    ),
    Point(
        "Boosting reduces bias",
        ("boosting reduces bias",),
        (Misconception("Boosting reduces variance", ("boosting reduces variance",)),),
    ),
]


def test_reversed_relation_is_a_misconception_and_earns_nothing():
    result = grade_answer("Bagging reduces bias, and boosting reduces variance.", BAGGING)
    assert result.covered == []
    assert [(m.label, m.point) for m in result.misconceptions] == [
        ("Bagging reduces bias", "Bagging reduces variance"),
        ("Boosting reduces variance", "Boosting reduces bias"),
    ]
    assert result.misconceptions[0].evidence == "Bagging reduces bias"
    assert result.points[0].contradicted_by == "Bagging reduces bias"
    assert result.score == 0.0


def test_the_right_relation_earns_both_points():
    result = grade_answer("Bagging reduces variance, while boosting reduces bias.", BAGGING)
    assert result.covered == ["Bagging reduces variance", "Boosting reduces bias"]
    assert result.misconceptions == [] and result.score == 1.0


@pytest.mark.parametrize(
    "answer",
    [
        "Bagging does not reduce bias; it reduces variance, so bagging reduces variance.",
        "Bagging reduces variance, not bias, as everyone knows by now.",
        "Bagging never reduces bias by itself, but bagging reduces variance quite well.",
    ],
)
def test_a_negated_misconception_is_not_detected(answer):
    result = grade_answer(answer, BAGGING)
    assert result.misconceptions == []
    assert "Bagging reduces variance" in result.covered


POSSIBLE = [Point("Equal biases are possible", ("possible", "can be the same"))]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Yes, it is possible to give every neuron the same bias.", True),
        ("No, that is not possible for the biases of a layer at all.", False),
        ("It isn't possible, the network would never train properly.", False),
        ("Impossible, you would break the training of the network.", False),
        ("The biases can be the same value for every neuron of a layer.", True),
        ("The biases cannot be the same value for every neuron of a layer.", False),
        ("It is not only possible but common to start every bias at zero.", True),
    ],
)
def test_negation_within_the_clause_cancels_a_phrase(answer, covered):
    assert bool(grade_answer(answer, POSSIBLE).covered) is covered


def test_negation_does_not_reach_past_the_clause():
    answer = "The loss does not explode here, and it is possible to use one bias value for all."
    assert grade_answer(answer, POSSIBLE).covered == ["Equal biases are possible"]


def test_a_phrase_does_not_span_a_contrast():
    points = [Point("Bagging reduces variance", ("bagging reduces variance",))]
    answer = "Bagging reduces bias whereas variance is what boosting targets in practice."
    assert grade_answer(answer, points).covered == []


def test_a_question_level_misconception_costs_a_point():
    wrong = [Misconception("They are the same thing", ("bagging is boosting",))]
    result = grade_answer(
        "Bagging reduces variance and boosting reduces bias. So really bagging is boosting.",
        BAGGING,
        wrong,
    )
    assert [m.label for m in result.misconceptions] == ["They are the same thing"]
    assert result.misconceptions[0].point is None
    assert len(result.covered) == 2 and result.score == pytest.approx(0.5)


def test_a_string_of_buzzwords_earns_at_most_a_small_share():
    answer = (
        "Bagging, boosting, variance, bias, ensembles, trees, averaging, random forest, XGBoost."
    )
    points = [Point("Variance", ("variance",)), Point("Bias", ("bias",))]
    result = grade_answer(answer, points)
    assert result.makes_claims is False and result.covered == []
    assert 0 < result.score <= 0.1
    assert grade_answer(answer, points, require_claims=False).covered == ["Variance", "Bias"]


def test_a_misconception_phrase_respects_word_boundaries():
    points = [
        Point(
            "Adam uses adaptive moment estimates",
            ("adaptive moment estimation",),
            (Misconception("Adam is adaptive momentum", ("adaptive momentum",)),),
        )
    ]
    right = grade_answer("Adam stands for adaptive moment estimation of the gradient.", points)
    assert right.covered and right.misconceptions == []
    wrong = grade_answer("Adam is short for adaptive momentum, a kind of SGD variant.", points)
    assert wrong.covered == [] and wrong.misconceptions[0].label == "Adam is adaptive momentum"


def test_a_sentence_with_a_wrong_claim_earns_nothing_and_the_claim_costs_a_point():
    answer = (
        "Boosting reduces bias in practice. "
        "Bagging reduces bias, since averaging lowers the variance of the trees."
    )
    result = grade_answer(answer, BAGGING)
    assert result.covered == ["Boosting reduces bias"]
    assert result.points[0].evidence is None and result.points[0].contradicted_by
    assert result.score == 0.0  # one point earned, one wrong claim


@pytest.mark.parametrize(
    "answer",
    [
        "Positional encodings aren't needed because attention sees the order anyway.",
        "Positional encodings are not needed in a transformer at all, I believe.",
    ],
)
def test_a_predicate_negation_after_the_phrase_cancels_it(answer):
    points = [Point("Needs positional encodings", ("positional encodings",))]
    assert grade_answer(answer, points).covered == []


def test_a_word_phrase_does_not_span_clause_punctuation():
    points = [Point("Sigmoid is the most used", ("most used sigmoid",))]
    answer = "Most used, popular, ReLU, sigmoid are all names I know from the course."
    assert grade_answer(answer, points, require_claims=False).covered == []


@pytest.mark.parametrize(
    ("answer", "covered", "wrong"),
    [
        ("Variance is reduced by bagging, as averaging many trees shows.", True, False),
        ("In the end bias is reduced by bagging, I would say in an interview.", False, True),
        ("Bagging is reduced by variance, which is how I remember it.", False, False),
    ],
)
def test_a_relation_reads_in_the_passive_but_keeps_its_direction(answer, covered, wrong):
    result = grade_answer(answer, BAGGING[:1])
    assert bool(result.covered) is covered
    assert bool(result.misconceptions) is wrong


def test_not_only_negates_a_phrase_that_starts_with_only():
    points = [
        Point(
            "Happens in any deep network",
            ("deep feedforward networks too",),
            (Misconception("Only in RNNs", ("only in rnns",)),),
        )
    ]
    wrong = grade_answer("Vanishing gradients happen only in RNNs, because of recurrence.", points)
    assert [m.label for m in wrong.misconceptions] == ["Only in RNNs"]
    right = grade_answer(
        "It happens not only in RNNs but in deep feedforward networks too.", points
    )
    assert right.misconceptions == [] and right.covered == ["Happens in any deep network"]


def test_a_formula_with_commas_in_brackets_is_a_claim_not_a_list():
    answer = (
        "log p(x) = ELBO + KL(q(z|x) || p(z|x)), and since KL is non-negative the ELBO is "
        "a lower bound on the log likelihood of the data."
    )
    points = [Point("ELBO is a lower bound", ("lower bound on the log likelihood",))]
    result = grade_answer(answer, points)
    assert result.makes_claims is True and result.covered == ["ELBO is a lower bound"]


def test_a_symbolic_phrase_does_not_match_the_start_of_a_squared_term():
    points = [
        Point(
            "Squared error",
            ("½(y − ŷ)²",),
            (Misconception("No square", ("½(y − ŷ)",)),),
        )
    ]
    right = grade_answer("The quadratic cost is C = ½(y − ŷ)² summed over the examples.", points)
    assert right.misconceptions == [] and right.covered == ["Squared error"]
    wrong = grade_answer("The quadratic cost is C = ½(y − ŷ) summed over the examples.", points)
    assert [m.label for m in wrong.misconceptions] == ["No square"]


STORED = [Point("Checkpointing recomputes activations", ("stored activations", "recompute"))]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        # Small words ("for", "the") do not use up the negation window.
        ("There is no need for any of the stored activations in this scheme.", False),
        ("It keeps the stored activations of every layer for the backward pass.", True),
        # "No ... or ..." carries the negation over the list.
        ("The method needs no labels or stored activations during the pass.", False),
        # "No better than X" compares with X; it does not deny X.
        ("Speed is no better than with the stored activations, sadly.", True),
        ("We recompute them rather than keep stored activations around.", True),
    ],
)
def test_negation_window_counts_content_words_and_carries_over_lists(answer, covered):
    assert bool(grade_answer(answer, STORED).covered) is covered


def test_rather_than_negates_what_follows():
    points = [Point("Stores activations", ("stored activations",))]
    answer = "We recompute each layer rather than rely on stored activations for the pass."
    assert grade_answer(answer, points).covered == []


def test_a_non_prefix_makes_a_different_term():
    points = [Point("Linear classifier", ("linear classifier",))]
    assert grade_answer("Logistic regression is a linear classifier.", points).covered
    assert not grade_answer("Logistic regression is a non-linear classifier.", points).covered
    assert not grade_answer("It is a nonlinear classifier here.", points).covered


ESTIMATOR = [
    Point(
        "Lower-variance gradients than the score-function estimator",
        ("lower variance", "score function estimator", "pathwise gradient"),
    )
]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("The pathwise gradient has lower variance than the score function estimator.", True),
        ("It gives a pathwise gradient, and its estimates are much lower in variance.", True),
        # The clause names the same quantity with the opposite word.
        ("Sadly it has higher variance than the score function estimator.", False),
        ("The pathwise gradient has a variance that is far higher, sadly.", False),
        # Another clause may still show the point.
        ("Its variance is higher at first. It is a pathwise gradient estimate.", True),
        # Both sides named in the clause: no contradiction is read.
        ("Higher cost but lower variance than the score function estimator.", True),
    ],
)
def test_a_clause_stating_the_opposite_quantity_is_no_evidence(answer, covered):
    assert bool(grade_answer(answer, ESTIMATOR).covered) is covered


def test_a_point_that_uses_both_sides_of_a_direction_reads_none():
    points = [Point("Gradients shrink or grow", ("vanishing", "exploding"))]
    answer = "Exploding gradients are when the gradient gets larger at each layer."
    assert grade_answer(answer, points).covered == ["Gradients shrink or grow"]


def test_first_and_last_layers_are_opposites():
    points = [Point("Grad-CAM uses the last convolutional layer", ("grad-cam", "heat map"))]
    assert grade_answer("Grad-CAM reads the final convolutional layer.", points).covered
    assert not grade_answer("Grad-CAM reads the first convolutional layer.", points).covered


WARMUP = [Point("Warm-up stabilises early training", ("warm-up", "warmup"))]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Warm-up keeps the first steps of training from diverging.", True),
        ("Warm-up is really not needed with a good optimiser these days.", False),
        ("Warm-up is never needed once the optimiser adapts its steps.", False),
        # A predicate that dismisses the thing named.
        ("Warm-up makes no real difference to how the run goes.", False),
        ("Warm-up has no effect on the first steps of training.", False),
        ("Warm-up is pointless with a small learning rate anyway.", False),
        ("Warm-up is a myth that people copy from old papers.", False),
        # "No" before something else is not a dismissal of the phrase.
        ("Warm-up has no cost and keeps the first steps stable.", True),
        # The predicate belongs to another subject: no denial.
        ("Warm-up schedules are not hard to write, and they keep early steps stable.", True),
    ],
)
def test_a_predicate_after_the_phrase_may_deny_or_dismiss_it(answer, covered):
    assert bool(grade_answer(answer, WARMUP).covered) is covered


def test_a_phrase_repeated_outside_the_wrong_sentence_still_counts():
    points = [
        Point("Warm-up stabilises early training", ("warm-up",)),
        Point("Adam adapts the step", ("adaptive moment",)),
    ]
    wrong = [Misconception("Adam is adaptive momentum", ("adaptive momentum",))]
    answer = (
        "Adam means adaptive momentum, so warm-up is for SGD. "
        "Later on, warm-up keeps the first steps stable."
    )
    result = grade_answer(answer, points, wrong)
    assert result.covered == ["Warm-up stabilises early training"]
    assert result.points[0].evidence == "warm-up"


SCALING = [
    Point(
        "Temperature scaling fixes calibration without changing the accuracy",
        ("temperature scaling", "single scalar"),
    )
]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Temperature scaling divides the logits by one learned scalar T.", True),
        ("Temperature scaling leaves the ranking alone, so it does not change the accuracy.", True),
        # The sentence asserts what the point denies.
        ("Temperature scaling retrains the head, which changes the accuracy as well.", False),
        # Another sentence may still show the point.
        ("It changes the accuracy a bit. Temperature scaling uses a single scalar.", True),
        # A sentence that denies something itself is not read as the contrary.
        ("Temperature scaling changes the confidence, not the accuracy.", True),
    ],
)
def test_a_sentence_asserting_what_the_point_denies_is_no_evidence(answer, covered):
    assert bool(grade_answer(answer, SCALING).covered) is covered


def test_a_point_that_denies_a_single_word_is_not_read_for_it():
    # "without labels": the bare word "labels" is too often a plain term to read as a claim.
    points = [Point("Autoencoders learn without labels", ("autoencoder",))]
    answer = "An autoencoder is trained on images, and classifiers need labels."
    assert grade_answer(answer, points).covered == ["Autoencoders learn without labels"]


def test_zero_before_the_denied_term_denies_it_too():
    points = [Point("Merged adapters add no extra latency", ("merge",))]
    answer = "You merge the adapter into the weights for zero extra latency."
    assert grade_answer(answer, points).covered == ["Merged adapters add no extra latency"]


COLLAPSE = [Point("Stacked linear layers collapse into one", ("single linear layer",))]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Without activations the stack is just a single linear layer.", True),
        # What something is compared with is not what it is said to be.
        ("A deep linear stack can represent more than a single linear layer.", False),
        ("The deep stack is far more expressive than one single linear layer.", False),
        # A denied comparison says they are alike.
        ("The deep stack is no better than a single linear layer, however deep.", True),
    ],
)
def test_a_phrase_after_than_is_compared_with_not_asserted(answer, covered):
    assert bool(grade_answer(answer, COLLAPSE).covered) is covered


SALIENCY = [
    Point(
        "Saliency maps are gradients of the class score with respect to the input",
        ("saliency", "gradient with respect to the input"),
        (
            Misconception(
                "Saliency uses weight gradients", ("gradient with respect to the weights",)
            ),
        ),
    )
]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("A saliency map is the gradient of the class score with respect to the input.", True),
        # The wrong claim reworded: every content word of it in one clause.
        ("A saliency map plots the gradient each weight gets with respect to the loss.", False),
        # Negated, it is no echo.
        ("A saliency map is not the gradient each weight gets with respect to the loss.", True),
        # Two of the three content words are not an echo.
        ("A saliency map plots the gradient for each pixel, like the weights do.", True),
    ],
)
def test_a_clause_echoing_a_misconception_is_no_evidence(answer, covered):
    assert bool(grade_answer(answer, SALIENCY).covered) is covered


def test_a_wrong_claim_takes_its_semicolon_clauses_with_it():
    points = [*BAGGING, Point("Trees are the base learners", ("decision trees",))]
    answer = (
        "Bagging reduces bias; decision trees are averaged for that. Decision trees vary a lot."
    )
    result = grade_answer(answer, points)
    assert result.points[2].evidence == "Decision trees"  # from the second sentence only
    alone = "Bagging reduces bias; decision trees are averaged for that."
    assert grade_answer(alone, points).covered == []


LEARNING = [
    Point("Supervised learning uses labelled pairs", ("labelled", "input-output pairs")),
    Point("Unsupervised learning finds structure in unlabelled data", ("unlabelled", "structure")),
]


def test_the_un_prefixed_opposite_of_a_points_word_voids_its_clause():
    swapped = (
        "Supervised learning works with unlabelled examples, while unsupervised learning "
        "uses labelled ones."
    )
    assert grade_answer(swapped, LEARNING).covered == []
    right = (
        "Supervised learning uses labelled examples, while unsupervised learning works "
        "with unlabelled ones."
    )
    assert grade_answer(right, LEARNING).covered == [p.label for p in LEARNING]


def test_a_clause_that_only_names_the_contrast_keeps_its_evidence():
    answer = "Unlike supervised methods it finds structure in raw data on its own."
    assert grade_answer(answer, LEARNING[1:]).covered == [LEARNING[1].label]


def test_each_direction_is_read_on_its_own_and_vanishing_means_small():
    points = [Point("Vanishing generator gradients", ("discriminator too strong",))]
    wrong = "If the discriminator gets too strong the generator's gradients become much larger."
    right = "If the discriminator gets too strong the generator's gradients become tiny."
    # "strong" agrees with the point's phrase, but "larger" still contradicts "vanishing".
    assert grade_answer(wrong, points).covered == []
    assert grade_answer(right, points).covered == ["Vanishing generator gradients"]


def test_a_misconception_is_not_found_inside_a_hyphenated_compound():
    points = [
        Point(
            "Deep belief networks are unsupervised",
            ("boltzmann machines",),
            (Misconception("They are supervised", ("are supervised",)),),
        )
    ]
    right = "Stacks of restricted Boltzmann machines are self-supervised learners of the data."
    wrong = "Stacks of restricted Boltzmann machines are supervised learners of the labels."
    assert grade_answer(right, points).misconceptions == []
    assert grade_answer(right, points).covered == ["Deep belief networks are unsupervised"]
    assert [m.label for m in grade_answer(wrong, points).misconceptions] == ["They are supervised"]


def test_growing_and_staying_constant_are_opposites():
    points = [Point("The KV cache grows with the context", ("kv cache",))]
    assert grade_answer("The KV cache grows with every token.", points).covered
    assert not grade_answer("The KV cache stays constant whatever the length.", points).covered
