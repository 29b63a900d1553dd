"""The warning signs asked as plain yes/no questions, by the CLI intake and the web check-in."""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "saddle_numbness": "Is the skin between your legs or around your bottom numb?",
    "bladder_or_bowel_change": "Have you had new trouble holding or passing urine or stools?",
    "weakness_or_numbness_both_legs": "Are both legs weak, numb or tingling?",
    "chest_pain_or_breathlessness": "Do you have chest pain or unusual shortness of breath?",
    "serious_trauma": "Did the pain start with a bad fall, a crash or a heavy blow?",
    "leg_pain_with_numbness_or_tingling": (
        "Does pain spread into one leg with numbness or tingling?"
    ),
    "leg_weakness_one_side": "Does one leg feel weak or give way?",
    "fever_or_unwell": "Do you have a fever or feel generally unwell?",
    "unexplained_weight_loss": "Have you lost weight without trying?",
    "cancer_history": "Have you ever had cancer?",
    "night_pain": "Does the pain wake you at night or get worse at night?",
    "osteoporosis_or_steroids": "Do you have osteoporosis or take steroid tablets long-term?",
    "immunosuppression_or_iv_drugs": "Is your immune system weakened, or do you inject drugs?",
    "back_lump_or_deformity": "Have you noticed a new lump or change in the shape of your back?",
}
