"""Second-look weights: written by scripts/train_story_bounds.py (--pages 1000 --seed 17 --l2 1.0); do not edit by hand."""

WEIGHTS: dict[str, float] = {
    'bias': 0.9653,
    'first_logit': 0.9556,
    'first_yes': -0.3561,
    'page_top': 1.0567,
    'whole_topic': -1.1844,
    'whole_topic_low': 0.7135,
    'whole_topic_high': -0.0283,
    'head_in_right': -3.4856,
    'head_in_line': -1.0503,
    'line_in_right': 1.1828,
    'line_in_left': -2.3663,
    'right_prose_0': -0.9835,
    'right_prose_1_2': -2.1064,
    'right_short': -1.8102,
    'left_prose_0': 0.0209,
    'left_prose_1_2': -0.3922,
    'right_lede': -0.3143,
    'byline_after': 1.1230,
    'right_titles': -0.7971,
    'left_titles': 0.3503,
}
