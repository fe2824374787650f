from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders with an error summary (announced, linking to each field) above its
    fields; Django ties each field's errors and help to its input with aria-describedby."""

    form_template_name = "_partials/form.html"
