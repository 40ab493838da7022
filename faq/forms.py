from django import forms

COMMENT_MAX_LENGTH = 400


class FAQFeedbackForm(forms.Form):
    """「この回答は役に立ちましたか？」 はい/いいえ and an optional comment."""

    helpful = forms.ChoiceField(
        label="この回答は役に立ちましたか？",
        choices=[("yes", "はい"), ("no", "いいえ")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "「はい」か「いいえ」を選んでください。",
            "invalid_choice": "「はい」か「いいえ」を選んでください。",
        },
    )
    comment = forms.CharField(
        label=f"ご意見（任意・{COMMENT_MAX_LENGTH}文字以内）",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "faq-feedback-comment-help"}),
        error_messages={
            "max_length": f"ご意見は{COMMENT_MAX_LENGTH}文字以内で入力してください（現在 %(show_value)d 文字）。"
        },
    )

    def clean_comment(self):
        return self.cleaned_data["comment"].strip()
