"""Languages: the engine's words in each language, dates and numbers by the language's conventions (Babel), and
the translations of records' text (one id, one set of citations and verdicts; the human text per language).

The default language is English: every record's text is written in it and required. A translation
(``translations:`` in a fact file, e.g. ``facts/i18n/ar.yml``) gives a record's text in another language and
the short hash of the English it was made from (``from:``). When the English changes, the hash no longer
matches: ``factkit check`` reports the translation as out of date (``stale-translation``, a warning) and the
site marks it "translation may be out of date" until an editor updates it and its hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem

if TYPE_CHECKING:
    from .dates import EDTFDate, Point
    from .model import ArticleReview, Claim, Entity, Publisher, Record, Source, Translated
    from .store import FactBase

DEFAULT = "en"
RTL = frozenset({"ar", "fa", "he", "ur", "ps", "yi"})
KINDS = ("claims", "entities", "sources", "publishers", "review")

# ---- the engine's words ---------------------------------------------------------------------------------
# key -> {lang: text}; a key missing in a language falls back to English (tests keep ar and ru complete)
M: dict[str, dict[str, str]] = {
    "untranslated": {"en": "not translated", "ar": "غير مترجم", "ru": "не переведено"},
    "stale": {"en": "translation may be out of date", "ar": "قد تكون الترجمة قديمة",
              "ru": "перевод может быть устаревшим"},
    "translated-by": {"en": "Translated by {translator}; reviewed by: {reviewer}.",
                      "ar": "ترجمة: {translator}؛ المراجعة: {reviewer}.",
                      "ru": "Перевод: {translator}; проверка: {reviewer}."},
    "editors": {"en": "the site's editors", "ar": "محررو الموقع", "ru": "редакция сайта"},
    "no-reviewer": {"en": "no reviewer yet", "ar": "لم يُعيَّن مراجع بعد", "ru": "рецензент пока не назначен"},
    "page-untranslated": {"en": "This page is not translated yet: its text is shown in English.",
                          "ar": "لم تُترجم هذه الصفحة بعد، فنصّها معروض بالإنجليزية.",
                          "ru": "Эта страница ещё не переведена: её текст показан на английском."},
    "heading-link": {"en": "Permanent link", "ar": "رابط دائم", "ru": "Постоянная ссылка"},  # the ¶ of a heading
    "permalink": {"en": "Permanent link to this claim", "ar": "رابط دائم لهذا الادعاء",
                  "ru": "Постоянная ссылка на это утверждение"},
    "permalink-to": {"en": "Permanent link to claim {id}", "ar": "رابط دائم للادعاء {id}",
                     "ru": "Постоянная ссылка на утверждение {id}"},
    "evidence-label": {"en": "evidence", "ar": "الأدلة", "ru": "источники"},
    "report-claim": {"en": "Report an error in this claim", "ar": "أبلغ عن خطأ في هذا الادعاء",
                     "ru": "Сообщить об ошибке в этом утверждении"},
    "report-claim-id": {"en": "Report an error in this claim (quote its id, {id})",
                        "ar": "أبلغ عن خطأ في هذا الادعاء (اذكر معرّفه {id})",
                        "ru": "Сообщить об ошибке в этом утверждении (укажите его код {id})"},
    "awaiting": {"en": "Scheduled; the outcome is not known yet.", "ar": "مقرَّر؛ لم تُعرف النتيجة بعد.",
                 "ru": "Запланировано; результат пока неизвестен."},
    "outcome": {"en": "Outcome", "ar": "النتيجة", "ru": "Результат"},
    "undated": {"en": "undated", "ar": "بلا تاريخ", "ru": "без даты"},
    "date-unknown": {"en": "date unknown", "ar": "التاريخ غير معروف", "ru": "дата неизвестна"},
    "corrections": {"en": "Corrections", "ar": "التصحيحات", "ru": "Исправления"},
    "why": {"en": "Why: ", "ar": "السبب: ", "ru": "Причина: "},
    "evidence-sum": {"en": "Evidence: {sources}", "ar": "الأدلة: عدد المصادر {n}", "ru": "Источников: {n}"},
    "contradicts-n": {"en": "{n} contradict", "ar": "مناقِضة: {n}", "ru": "опровергают: {n}"},
    "contradicts-1": {"en": "{n} contradicts", "ar": "مناقِضة: {n}", "ru": "опровергают: {n}"},
    "context-n": {"en": "{n} give context", "ar": "للسياق: {n}", "ru": "дают контекст: {n}"},
    "context-1": {"en": "{n} gives context", "ar": "للسياق: {n}", "ru": "дают контекст: {n}"},
    "no-evidence": {"en": "No evidence recorded.", "ar": "لم تُسجَّل أدلة.", "ru": "Источники не записаны."},
    "scheduled": {"en": "scheduled", "ar": "مقرَّر", "ru": "запланировано"},
    "wording": {"en": "The article's wording", "ar": "صياغة المقال", "ru": "Формулировка статьи"},
    "why-verdict": {"en": "Why this verdict", "ar": "سبب الحكم", "ru": "Почему такая оценка"},
    "last-checked": {"en": "Last checked {date}", "ar": "آخر تحقق: {date}", "ru": "Последняя проверка: {date}"},
    "about": {"en": " · About: {names}", "ar": " · يتناول: {names}", "ru": " · О ком и о чём: {names}"},
    "no-claims": {"en": "No claims match.", "ar": "لا ادعاءات مطابقة.", "ru": "Нет подходящих утверждений."},
    "untitled": {"en": "untitled page", "ar": "صفحة بلا عنوان", "ru": "страница без заголовка"},
    "no-headline": {"en": "no headline; it reads", "ar": "بلا عنوان؛ ونصّه", "ru": "без заголовка; текст:"},
    "relaying": {"en": "{name}, relaying {relayed}", "ar": "{name}، نقلًا عن {relayed}",
                 "ru": "{name}, со ссылкой на {relayed}"},
    "colon": {"en": ": ", "ar": ": ", "ru": ": "},
    "full-entry": {"en": "The full entry, with its evidence", "ar": "المدخل الكامل مع أدلته",
                   "ru": "Полная карточка с источниками"},
    "this-site": {"en": "This site", "ar": "هذا الموقع", "ru": "Этот сайт"},
    "cite-claim": {"en": "Cite this claim", "ar": "استشهد بهذا الادعاء", "ru": "Как сослаться на это утверждение"},
    "short": {"en": "Short", "ar": "مختصر", "ru": "Кратко"},
    "full": {"en": "Full", "ar": "كامل", "ru": "Полностью"},
    "cite-short": {"en": "{site}, “{text}”, checked {checked}, {link}",
                   "ar": "{site}، «{text}»، تُحقِّق منه في {checked}، {link}",
                   "ru": "{site}, «{text}», проверено {checked}, {link}"},
    "cite-verdict": {"en": ", verdict: {verdict}", "ar": "، الحكم: {verdict}", "ru": ", оценка: {verdict}"},
    "cite-full": {"en": "“{text}” In: {site}. Claim {id}{verdict}. Last checked {checked}. Permalink: {link}.",
                  "ar": "«{text}» في: {site}. الادعاء {id}{verdict}. آخر تحقق: {checked}. الرابط الدائم: {link}.",
                  "ru": "«{text}» // {site}. Утверждение {id}{verdict}. Последняя проверка: {checked}. "
                        "Постоянная ссылка: {link}."},
    "cite-commit": {"en": "the site as built from commit {commit}", "ar": "الموقع كما بُني من الإيداع {commit}",
                    "ru": "сайт в сборке из коммита {commit}"},
    "cite-changes": {"en": " with local changes", "ar": " مع تعديلات محلية", "ru": " с локальными изменениями"},
    "cite-version": {"en": "Version: {version}.", "ar": "النسخة: {version}.", "ru": "Версия: {version}."},
    "back-to-cite": {"en": "Back to the citation", "ar": "العودة إلى موضع الاستشهاد", "ru": "Назад к ссылке"},
    "ref-published": {"en": "Published {date}.", "ar": "نُشر في {date}.", "ru": "Опубликовано {date}."},
    "ref-no-date": {"en": "Date of publication unknown.", "ar": "تاريخ النشر غير معروف.",
                    "ru": "Дата публикации неизвестна."},
    "ref-accessed": {"en": "Accessed {date}.", "ar": "اطُّلع عليه في {date}.", "ru": "Прочитано {date}."},
    "ref-no-url": {"en": "No address is known.", "ar": "لا عنوان معروفًا.", "ru": "Адрес неизвестен."},
    "ref-archived": {"en": "Archived copy: ", "ar": "نسخة مؤرشفة: ", "ru": "Архивная копия: "},
    "ref-details": {"en": "Details", "ar": "التفاصيل", "ru": "Подробнее"},
    "refs-head": {"en": "Sources on this page", "ar": "المصادر في هذه الصفحة", "ru": "Источники на этой странице"},
    "refs-note": {"en": "Numbered as the citation marks on this page; ↑ leads back to where each one is cited.",
                  "ar": "مرقَّمة كعلامات الاستشهاد في هذه الصفحة؛ ويعيدك ↑ إلى موضع كل استشهاد.",
                  "ru": "Нумерация как у ссылок на этой странице; ↑ ведёт обратно к месту каждой ссылки."},
    "badge-note": {"en": "A verdict badge (such as ✓ Accurate) marks a claim that checks a sentence of the article "
                         "under review: select it to see why. A claim without a badge is background: a fact taken "
                         "from the sources cited, not a checked statement.",
                   "ar": "تدلّ شارة الحكم (مثل ✓ دقيق) على ادعاء يتحقق من جملة في المقال قيد المراجعة: اخترها لترى "
                         "السبب. والادعاء بلا شارة خلفيةٌ: حقيقة مأخوذة من المصادر المذكورة، لا عبارة مُتحقَّق منها.",
                   "ru": "Значок оценки (например, ✓ Точно) отмечает утверждение, проверяющее фразу статьи: нажмите "
                         "на него, чтобы узнать почему. Утверждение без значка — это контекст: факт из указанных "
                         "источников, а не проверяемая фраза."},
    "jump-letter": {"en": "Jump to publishers by first letter", "ar": "انتقل إلى الناشرين بالحرف الأول",
                    "ru": "Перейти к издателям по первой букве"},
    "filter-sources": {"en": "Filter the sources", "ar": "تصفية المصادر", "ru": "Фильтр источников"},
    "filter-placeholder": {"en": "Filter: publisher, title, words quoted…",
                           "ar": "تصفية: الناشر، العنوان، كلمات مقتبسة…",
                           "ru": "Фильтр: издатель, заголовок, цитата…"},
    "footer-about": {"en": "About this site", "ar": "عن هذا الموقع", "ru": "Об этом сайте"},
    "footer-about-tail": {"en": ": who publishes and checks it, how to report an error, licences.",
                          "ar": ": من ينشره ويتحقق منه، وكيف تبلغ عن خطأ، والتراخيص.",
                          "ru": ": кто его издаёт и проверяет, как сообщить об ошибке, лицензии."},
    "missing-anchor": {"en": "This link leads to “{id}”, which is not on this page: it may have been renamed or "
                             "removed since the link was made. Search the site for it.",
                       "ar": "يقود هذا الرابط إلى «{id}»، وهو غير موجود في هذه الصفحة: ربما أُعيدت تسميته أو حُذف "
                             "بعد إنشاء الرابط. ابحث عنه في الموقع.",
                       "ru": "Ссылка ведёт к «{id}», но на этой странице его нет: возможно, его переименовали или "
                             "удалили после того, как ссылка была сделана. Поищите его на сайте."},
    "made-with": {"en": "Made with", "ar": "صُنع باستخدام", "ru": "Сделано на"},  # the footer: Made with Material
    "read-source": {"en": "Read it in the source", "ar": "اقرأه في المصدر", "ru": "Читать в источнике"},
    "supports": {"en": "Supports", "ar": "يؤيد", "ru": "Подтверждает"},
    "contradicts": {"en": "Contradicts", "ar": "يناقض", "ru": "Опровергает"},
    "context": {"en": "Context", "ar": "سياق", "ru": "Контекст"},
    "from-page_metadata": {"en": "from the page's metadata", "ar": "من البيانات الوصفية للصفحة",
                           "ru": "из метаданных страницы"},
    "from-page_text": {"en": "from the page's text", "ar": "من نص الصفحة", "ru": "из текста страницы"},
    "from-url": {"en": "from the address", "ar": "من عنوان الصفحة", "ru": "из адреса страницы"},
    "from-unknown": {"en": "source of the date unknown", "ar": "مصدر التاريخ غير معروف",
                     "ru": "откуда взята дата, неизвестно"},
    "published": {"en": "Published", "ar": "تاريخ النشر", "ru": "Опубликовано"},
    "accessed": {"en": "Accessed", "ar": "تاريخ الاطلاع", "ru": "Прочитано"},
    "language": {"en": "Language", "ar": "اللغة", "ru": "Язык"},
    "kind": {"en": "Kind", "ar": "النوع", "ru": "Тип"},
    "reliability": {"en": "Reliability", "ar": "الموثوقية", "ru": "Надёжность"},
    "address": {"en": "Address", "ar": "العنوان", "ru": "Адрес"},
    "archive": {"en": "Archive", "ar": "الأرشيف", "ru": "Архив"},
    "notes": {"en": "Notes", "ar": "ملاحظات", "ru": "Примечания"},
    "none-known": {"en": "none known", "ar": "لا عنوان معروف", "ru": "неизвестен"},
    "excerpts": {"en": "Excerpts read", "ar": "المقتطفات المقروءة", "ru": "Прочитанные фрагменты"},
    "cited-by": {"en": "Cited by", "ar": "يستشهد به", "ru": "Ссылаются"},
    "jump-year": {"en": "Jump to year", "ar": "انتقل إلى سنة", "ru": "Перейти к году"},
    "no-dated": {"en": "No dated claims.", "ar": "لا ادعاءات مؤرَّخة.", "ru": "Нет датированных утверждений."},
    "claims-elsewhere": {"en": "Topics with a page of their own:", "ar": "مواضيع لها صفحة خاصة بها:",
                         "ru": "Темы с отдельной страницей:"},
    "verdict": {"en": "Verdict", "ar": "الحكم", "ru": "Оценка"},
    "claims": {"en": "Claims", "ar": "الادعاءات", "ru": "Утверждения"},
    "background-claims": {"en": "Background claims (no verdict)", "ar": "ادعاءات خلفية (بلا حكم)",
                          "ru": "Фоновые утверждения (без оценки)"},
    "single-source": {"en": "Claims resting on a single source", "ar": "ادعاءات تستند إلى مصدر واحد",
                      "ru": "Утверждения с одним источником"},
    "flagged-only": {"en": "Claims cited only to flagged sources", "ar": "ادعاءات لا تستند إلا إلى مصادر موسومة",
                     "ru": "Утверждения только с отмеченными источниками"},
    "awaiting-outcome": {"en": "Scheduled claims awaiting an outcome", "ar": "ادعاءات مقرَّرة بانتظار نتيجتها",
                         "ru": "Запланированные события без известного результата"},
    "translated-claims": {"en": "Claims translated into {language}", "ar": "الادعاءات المترجمة إلى {language}",
                          "ru": "Утверждения, переведённые на {language}"},
    "translated-of": {"en": "{done} of {total}", "ar": "{done} من {total}", "ru": "{done} из {total}"},
    "stale-of": {"en": "{n} may be out of date", "ar": "منها {n} قد تكون قديمة", "ru": "из них устарели: {n}"},
    "none": {"en": "None.", "ar": "لا شيء.", "ru": "Нет."},
    "no-corrections": {"en": "No corrections so far.", "ar": "لا تصحيحات حتى الآن.", "ru": "Исправлений пока нет."},
    "rating-of": {"en": "{n} of 4", "ar": "{n} من 4", "ru": "{n} из 4"},
    "not-rated": {"en": "not rated", "ar": "بلا تقييم", "ru": "без балла"},
    "meaning": {"en": "Meaning", "ar": "المعنى", "ru": "Значение"},
    "rating": {"en": "Rating (ClaimReview)", "ar": "التقييم (ClaimReview)", "ru": "Балл (ClaimReview)"},
    "no-article": {"en": "No article is under review.", "ar": "لا مقال قيد المراجعة.", "ru": "Статья не проверяется."},
    "read-original": {"en": "Read the original", "ar": "اقرأ الأصل", "ru": "Читать оригинал"},
    "where-read": {"en": "Where to read it: ", "ar": "أين تقرؤه: ", "ru": "Где прочитать: "},
    "no-address": {"en": "no address is known.", "ar": "لا عنوان معروفًا.", "ru": "адрес неизвестен."},
    "checked-by": {"en": "Checked by {reviewer}, published {date}.", "ar": "تحقق منه {reviewer}، ونُشر في {date}.",
                   "ru": "Проверка: {reviewer}; дата публикации: {date}"},
    "checked-under": {"en": "(checked above, under {ref})", "ar": "(تُحقِّق منه أعلاه، تحت {ref})",
                      "ru": "(проверено выше: {ref})"},
    "statement": {"en": "Paragraph {p}, sentence {s}", "ar": "الفقرة {p}، الجملة {s}",
                  "ru": "Абзац {p}, предложение {s}"},
    "checked-wordings": {"en": "checked: ", "ar": "المُتحقَّق منه: ", "ru": "проверено: "},
    "begins": {"en": "begins ", "ar": "تبدأ بـ ", "ru": "начинается словами "},
    "not-checked": {"en": "Not checked: ", "ar": "لم يُتحقَّق منه: ", "ru": "Не проверялось: "},
    "until": {"en": "until {date}", "ar": "حتى {date}", "ru": "до {date}"},
    "since": {"en": "since {date}", "ar": "منذ {date}", "ru": "с {date}"},
    "roles": {"en": "Roles", "ar": "المناصب", "ru": "Должности"},
    "signed": {"en": "Signed", "ar": "التوقيع", "ru": "Подписано"},
    "term": {"en": "Term", "ar": "المدة", "ru": "Срок"},
    "expires": {"en": "Expires", "ar": "الانتهاء", "ru": "Истекает"},
    "renewal": {"en": "Renewal", "ar": "التجديد", "ru": "Продление"},
    "terms": {"en": "Terms", "ar": "الشروط", "ru": "Условия"},
    "also-written": {"en": "Also written: ", "ar": "يُكتب أيضًا: ", "ru": "Другие написания: "},
    "claims-n": {"en": "Claims ({n})", "ar": "الادعاءات ({n})", "ru": "Утверждения ({n})"},
    "no-entities": {"en": "No entities.", "ar": "لا كيانات.", "ru": "Нет записей."},
    "no-expiry": {"en": "no expiry recorded", "ar": "لم يُسجَّل تاريخ انتهاء", "ru": "срок окончания не записан"},
    "approx": {"en": "c. {date}", "ar": "نحو {date}", "ru": "ок. {date}"},
    # the About page (factkit.render.about): its labels, and what a setting left out reads
    "not-stated": {"en": "not stated", "ar": "غير مذكور", "ru": "не указано"},
    "about-publisher": {"en": "Published by", "ar": "الناشر", "ru": "Издатель"},
    "about-checked-by": {"en": "Claims checked by", "ar": "يتحقق من الادعاءات", "ru": "Утверждения проверяет"},
    "about-contact": {"en": "Contact", "ar": "للتواصل", "ru": "Контакты"},
    "about-report": {"en": "Report an error", "ar": "الإبلاغ عن خطأ", "ru": "Сообщить об ошибке"},
    "about-funding": {"en": "Funding and independence", "ar": "التمويل والاستقلالية",
                      "ru": "Финансирование и независимость"},
    "about-licence-text": {"en": "Licence of the text", "ar": "ترخيص النصوص", "ru": "Лицензия на тексты"},
    "about-licence-data": {"en": "Licence of the data", "ar": "ترخيص البيانات", "ru": "Лицензия на данные"},
    "about-updated": {"en": "Last updated", "ar": "آخر تحديث", "ru": "Последнее обновление"},
    "about-updated-note": {"en": "{date}: the latest day a claim was checked against its sources",
                           "ar": "{date}: آخر يوم رُوجع فيه ادعاء على مصادره",
                           "ru": "{date}: последний день, когда утверждение сверяли с источниками"},
    "about-corrections": {"en": "{n} so far; see the {log} and the {feed} (Atom)",
                          "ar": "{n} حتى الآن؛ انظر {log} و{feed} (Atom)",
                          "ru": "{n} на сегодня; см. {log} и {feed} (Atom)"},
    "about-corrections-nolog": {"en": "{n} so far; see the {feed} (Atom)", "ar": "{n} حتى الآن؛ انظر {feed} (Atom)",
                                "ru": "{n} на сегодня; см. {feed} (Atom)"},
    "list-comma": {"en": ", ", "ar": "، ", "ru": ", "},
    "log-link": {"en": "corrections log", "ar": "سجل التصحيحات", "ru": "журнал исправлений"},
    "feed-link": {"en": "corrections feed", "ar": "موجز التصحيحات", "ru": "ленту исправлений"},  # after "see the"
    "feed-label": {"en": "corrections feed (Atom)", "ar": "موجز التصحيحات (Atom)",
                   "ru": "лента исправлений (Atom)"},  # corrections_feed()'s label
    # reporting an error (factkit.render.reporting, factkit.publish)
    "report-about": {"en": "You came here to report an error in the claim “{id}”: quote this identifier, and say "
                           "what is wrong and which source shows it.",
                     "ar": "جئت إلى هنا للإبلاغ عن خطأ في الادعاء «{id}»: اذكر هذا المعرّف، وقل ما الخطأ وأيّ مصدر "
                           "يُظهره.",
                     "ru": "Вы пришли сообщить об ошибке в утверждении «{id}»: укажите этот код, что не так и какой "
                           "источник это показывает."},
    "report-none": {"en": "This copy of the site has no report channel configured: there is no address, form or "
                          "issue tracker to send a report to yet. Until the editors add one, a report cannot reach "
                          "them through the site.",
                    "ar": "لم تُضبط في هذه النسخة من الموقع أي قناة للإبلاغ: لا يوجد بعدُ عنوان ولا نموذج ولا متتبِّع "
                          "مشكلات يمكن إرسال البلاغ إليه. وإلى أن يضيف المحررون قناةً، لا يمكن لأي بلاغ أن يصل إليهم "
                          "عبر الموقع.",
                    "ru": "В этой копии сайта не настроен канал для сообщений об ошибках: пока нет ни адреса, ни "
                          "формы, ни трекера, куда можно отправить сообщение. Пока редакция его не добавит, сообщение "
                          "не сможет дойти до неё через сайт."},
    "report-open-issue": {"en": "Open an issue", "ar": "افتح بلاغًا (issue)", "ru": "Создайте обращение (issue)"},
    "report-fill-form": {"en": "Fill in the report form", "ar": "املأ نموذج البلاغ",
                         "ru": "Заполните форму сообщения"},
    "report-write": {"en": "Write to {link}", "ar": "راسِل {link}", "ru": "Напишите на {link}"},
    "report-in-repo": {"en": "{link} in the repository {repo} on {host} (a free GitHub account is needed)",
                       "ar": "{link} في المستودع {repo} على {host} (يلزم حساب مجاني على GitHub)",
                       "ru": "{link} в репозитории {repo} на {host} (нужна бесплатная учётная запись GitHub)"},
    "report-on": {"en": "{link} on {host}", "ar": "{link} على {host}", "ru": "{link} на {host}"},
    "mail-subject-claim": {"en": "Error in claim: {claim}", "ar": "خطأ في الادعاء: {claim}",
                           "ru": "Ошибка в утверждении: {claim}"},
    "mail-subject": {"en": "Error on the site", "ar": "خطأ في الموقع", "ru": "Ошибка на сайте"},
    "mail-claim": {"en": "Claim: {claim}", "ar": "الادعاء: {claim}", "ru": "Утверждение: {claim}"},
    "mail-permalink": {"en": "Permanent link: {link}", "ar": "الرابط الدائم: {link}",
                       "ru": "Постоянная ссылка: {link}"},
    "mail-what": {"en": "What is wrong:", "ar": "ما الخطأ:", "ru": "Что не так:"},
    "mail-source": {"en": "A source that shows it (link and the sentence that says it):",
                    "ar": "مصدر يُظهر ذلك (الرابط والجملة التي تقول ذلك):",
                    "ru": "Источник, который это показывает (ссылка и фраза, где это сказано):"},
    # the corrections feed (factkit.feed) and its <link> in each page's head
    "feed-title": {"en": "Corrections: {site}", "ar": "التصحيحات: {site}", "ru": "Исправления: {site}"},
    "feed-subtitle": {"en": "Every correction and verdict change, newest first, each linked to its claim.",
                      "ar": "كل تصحيح وكل تغيير في حكم، الأحدث أولًا، وكلٌّ منها مرتبط بادعائه.",
                      "ru": "Все исправления и изменения оценок, сначала новые, каждое со ссылкой на своё "
                            "утверждение."},
    "feed-this-site": {"en": "this site", "ar": "هذا الموقع", "ru": "этот сайт"},
    "feed-editors": {"en": "The editors of {site}", "ar": "محررو {site}", "ru": "Редакция: {site}"},
    "feed-verdict": {"en": "Verdict changed: ", "ar": "تغيّر الحكم: ", "ru": "Оценка изменена: "},
    "feed-correction": {"en": "Correction: ", "ar": "تصحيح: ", "ru": "Исправление: "},
    "feed-claim": {"en": "Claim:", "ar": "الادعاء:", "ru": "Утверждение:"},
    "feed-what": {"en": "What changed:", "ar": "ما الذي تغيّر:", "ru": "Что изменилось:"},
    "feed-why": {"en": "Why:", "ar": "السبب:", "ru": "Причина:"},
    "feed-summary": {"en": "{what} Why: {why}", "ar": "{what} السبب: {why}", "ru": "{what} Причина: {why}"},
    "feed-to-claim": {"en": "The claim, with its evidence", "ar": "الادعاء مع أدلته",
                      "ru": "Утверждение с источниками"},
    # entity kinds, source kinds
    "kind-person": {"en": "Person", "ar": "شخص", "ru": "Человек"},
    "kind-organisation": {"en": "Organisation", "ar": "منظمة", "ru": "Организация"},
    "kind-place": {"en": "Place", "ar": "مكان", "ru": "Место"},
    "kind-agreement": {"en": "Agreement", "ar": "اتفاقية", "ru": "Соглашение"},
    "kind-event": {"en": "Event", "ar": "حدث", "ru": "Событие"},
    "source-news": {"en": "news", "ar": "خبر", "ru": "новости"},
    "source-official": {"en": "official", "ar": "رسمي", "ru": "официальный"},
    "source-analysis": {"en": "analysis", "ar": "تحليل", "ru": "аналитика"},
    "source-reference": {"en": "reference", "ar": "مرجع", "ru": "справочник"},
    "source-blog": {"en": "blog", "ar": "مدوّنة", "ru": "блог"},
    "source-aggregator": {"en": "aggregator", "ar": "مجمِّع أخبار", "ru": "агрегатор"},
    "source-reviewed-article": {"en": "reviewed-article", "ar": "المقال قيد المراجعة", "ru": "проверяемая статья"},
    # the verdict scale (English: factkit.model.VERDICTS)
    "v-accurate": {"ar": "دقيق", "ru": "Точно"},
    "v-needs-context": {"ar": "يحتاج إلى سياق", "ru": "Нужен контекст"},
    "v-misleading": {"ar": "مضلِّل", "ru": "Вводит в заблуждение"},
    "v-inaccurate": {"ar": "غير دقيق", "ru": "Неточно"},
    "v-unverified": {"ar": "لم يُتحقَّق منه", "ru": "Не подтверждено"},
    "vm-accurate": {"ar": "تؤيد المصادر المعتمدة العبارة كما صيغت.",
                    "ru": "Проверенные источники подтверждают утверждение в этой формулировке."},
    "vm-needs-context": {"ar": "مدعومة في مجملها، لكن ينقصها تفصيل، أو اختُصر، أو تختلف فيه المصادر.",
                         "ru": "В целом подтверждается, но деталь упущена, сокращена или источники расходятся."},
    "vm-misleading": {"ar": "تتضمن عنصرًا صحيحًا لكنها تترك انطباعًا خاطئًا.",
                      "ru": "Содержит верный элемент, но создаёт ложное впечатление."},
    "vm-inaccurate": {"ar": "تناقض المصادر المعتمدة العبارة.", "ru": "Проверенные источники опровергают утверждение."},
    "vm-unverified": {"ar": "لا يوجد مصدر معتمد يؤيد العبارة أو ينفيها.",
                      "ru": "Ни один проверенный источник не подтверждает и не опровергает утверждение."},
}
# an agreement's term: plural forms by CLDR category (Babel)
YEARS = {"en": {"one": "{n} year", "other": "{n} years"},
         "ar": {"zero": "{n} سنة", "one": "سنة واحدة", "two": "سنتان", "few": "{n} سنوات", "many": "{n} سنة",
                "other": "{n} سنة"},
         "ru": {"one": "{n} год", "few": "{n} года", "many": "{n} лет", "other": "{n} года"}}


def t(lang: str, key: str, **values: object) -> str:
    """The engine's word ``key`` in ``lang`` (English when that language lacks it), filled with ``values``."""
    entry = M[key]
    text = entry.get(lang) or entry.get(DEFAULT) or key
    for name, value in values.items():  # a value ending a sentence already ('27 ноября 2026 г.'): no second full stop
        if str(value).endswith(".") and not str(value).endswith(".."):
            text = text.replace("{" + name + "}.", "{" + name + "}")
    return text.format(**values) if values else text


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def number(n: int | float, lang: str) -> str:
    """A number as the language writes it ('1,234', '1 234'); years stay plain digits (see human_date)."""
    if lang == DEFAULT:
        return str(n)
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=lang))


def years(n: int, lang: str) -> str:
    forms = YEARS.get(lang) or YEARS[DEFAULT]
    category = "one" if lang == DEFAULT and n == 1 else "other" if lang == DEFAULT else _locale(lang).plural_form(n)
    return (forms.get(category) or forms["other"]).format(n=number(n, lang))


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in ``lang`` (Babel's CLDR names), e.g. 'الروسية'."""
    try:
        name = _locale(lang).languages.get(code)
    except (ValueError, LookupError):
        name = None
    return str(name) if name else code


# ---- dates ---------------------------------------------------------------------------------------------


def _point(p: Point, lang: str, governed: bool = False) -> str:
    """One point in ``lang``; ``governed``: after a preposition ('since', 'until'), where Russian months decline."""
    import datetime as dt

    from babel.dates import format_date, format_skeleton

    if p.day:
        text = str(format_date(dt.date(p.year, p.month or 1, p.day), "long", locale=lang))
    elif p.month:
        day = dt.date(p.year, p.month, 1)
        if governed:
            text = str(format_date(day, "MMMM y", locale=lang)) + ("\u202fг." if lang == "ru" else "")
        else:
            text = str(format_skeleton("yMMMM", day, locale=lang))
    else:
        text = str(p.year) + ("\u202fг." if lang == "ru" and governed else "")
    if p.approximate:
        text = t(lang, "approx", date=text)
    if p.uncertain:
        text += " (?)"
    return text


def human_date(date: EDTFDate, lang: str) -> str:
    """A date at its precision in ``lang``, computed from the fact (never typed): '31 يوليو 2025', '31 июля 2025 г.'."""
    if lang == DEFAULT:
        return date.human()
    if date.open_end:
        return t(lang, "since", date=_point(date.start, lang, governed=True))
    if date.end is None:
        return _point(date.start, lang)
    left, right = _point(date.start, lang), _point(date.end, lang)
    return left if left == right else f"{left} – {right}"


def date_in(date: EDTFDate, lang: str, governed: bool = False) -> str:
    """A point date after a preposition (see _point)."""
    if lang == DEFAULT or date.is_period:
        return human_date(date, lang)
    return _point(date.start, lang, governed=governed)


# ---- translations of records -----------------------------------------------------------------------------


def english(kind: str, record: Record) -> list[str | None]:
    """The English text of a record that a translation renders, in a fixed order (what the hash covers)."""
    if kind == "claims":
        c: Claim = record  # type: ignore[assignment]
        return [c.text, c.review.explanation if c.review else None, c.outcome.text if c.outcome else None,
                *[x for cor in c.corrections for x in (cor.what, cor.why)]]
    if kind == "entities":
        e: Entity = record  # type: ignore[assignment]
        return [e.name, e.description, *[r.title for r in e.roles], e.terms.renewal if e.terms else None]
    if kind == "sources":
        s: Source = record  # type: ignore[assignment]
        return [*[x for ex in s.excerpts for x in (ex.text, ex.says)], s.notes, s.reliability, s.published_note,
                s.url_unavailable]
    if kind == "publishers":
        p: Publisher = record  # type: ignore[assignment]
        return [p.reliability, p.notes]
    r: ArticleReview = record  # type: ignore[assignment]
    return [r.reviewer, *[f"{st.ref}: {st.not_checked}" for st in r.statements if st.not_checked]]


def text_hash(kind: str, record: Record) -> str:
    """The short hash of a record's English text (8 hex digits of SHA-256)."""
    joined = "\x1f".join(x or "" for x in english(kind, record))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def original(facts: FactBase, kind: str, rid: str) -> Record | None:
    if kind == "review":
        return facts.review
    table: dict[str, Record] = getattr(facts, kind)
    return table.get(rid)


@dataclass
class Catalog:
    """Every translation of a site, by language, kind and record id; which are out of date."""

    facts: FactBase
    by_lang: dict[str, dict[str, dict[str, Translated]]] = field(default_factory=dict)
    topics: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> topic -> label
    problems: list[Problem] = field(default_factory=list)
    _stale: dict[tuple[str, str, str], bool] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: FactBase) -> Catalog:
        found = getattr(facts, "_catalog", None)
        if found is None:
            found = cls(facts)
            found._build()
            facts._catalog = found  # type: ignore[attr-defined]  # one catalog per fact base
        return found

    def _build(self) -> None:
        for tr in self.facts.translations:
            langs = self.by_lang.setdefault(tr.lang, {k: {} for k in KINDS})
            if tr.lang == DEFAULT:
                self._add(tr, "lang", "bad-value", f"'{DEFAULT}' is the default language: write its text in the "
                          "records themselves, translations are for other languages")
            for kind, items in (("claims", tr.claims), ("entities", tr.entities), ("sources", tr.sources),
                                ("publishers", tr.publishers)):
                for item in items:
                    rid = getattr(item, "id")  # noqa: B009
                    if rid in langs[kind]:
                        path, line = langs[kind][rid].where
                        self._add(item, "id", "duplicate-translation", f"{SINGULAR[kind]} '{rid}' is already "
                                  f"translated into '{tr.lang}' at {path}:{line}; keep one translation")
                        continue
                    langs[kind][rid] = item
            if tr.review is not None:
                if "" in langs["review"]:
                    path, line = langs["review"][""].where
                    self._add(tr.review, "reviewer", "duplicate-translation",
                              f"the review is already translated into '{tr.lang}' at {path}:{line}")
                else:
                    langs["review"][""] = tr.review
            for topic, label in tr.topics.items():
                self.topics.setdefault(tr.lang, {})[topic] = label

    def _add(self, record: Record, field_name: str, code: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(record.where[0], record.line_of(field_name), code, message, severity))

    @property
    def languages(self) -> list[str]:
        return sorted(self.by_lang)

    def get(self, lang: str, kind: str, rid: str = "") -> Translated | None:
        return self.by_lang.get(lang, {}).get(kind, {}).get(rid)

    def is_stale(self, lang: str, kind: str, rid: str = "") -> bool:
        key = (lang, kind, rid)
        if key not in self._stale:
            tr, rec = self.get(lang, kind, rid), original(self.facts, kind, rid)
            self._stale[key] = tr is not None and rec is not None and tr.from_ != text_hash(kind, rec)
        return self._stale[key]

    def items(self) -> Iterator[tuple[str, str, str, Translated]]:
        for lang, kinds in self.by_lang.items():
            for kind, records in kinds.items():
                for rid, tr in records.items():
                    yield lang, kind, rid, tr

    def translated_claims(self, lang: str) -> tuple[int, int]:
        """(claims with a translated text, of which out of date)."""
        done = [cid for cid, tr in self.by_lang.get(lang, {}).get("claims", {}).items()
                if cid in self.facts.claims and getattr(tr, "text", None)]
        return len(done), sum(1 for cid in done if self.is_stale(lang, "claims", cid))


SINGULAR = {"claims": "claim", "entities": "entity", "sources": "source", "publishers": "publisher", "review": "review"}


def _extras(kind: str, rec: Record, tr: Translated) -> list[tuple[str, str]]:
    """Fields a translation gives that the English record does not have: (field, why)."""
    out: list[tuple[str, str]] = []
    data = tr.model_dump(exclude_none=True, exclude={"from_", "id"})
    if kind == "claims":
        c: Claim = rec  # type: ignore[assignment]
        if "explanation" in data and c.review is None:
            out.append(("explanation", "the claim has no verdict to explain"))
        if "outcome" in data and c.outcome is None:
            out.append(("outcome", "the claim has no outcome"))
        if len(data.get("corrections", [])) > len(c.corrections):
            out.append(("corrections", f"the claim has {len(c.corrections)} correction(s)"))
    elif kind == "entities":
        e: Entity = rec  # type: ignore[assignment]
        if len(data.get("roles", [])) > len(e.roles):
            out.append(("roles", f"the entity has {len(e.roles)} role(s)"))
        if "renewal" in data and not (e.terms and e.terms.renewal):
            out.append(("renewal", "the entity has no renewal in its terms"))
    elif kind == "sources":
        s: Source = rec  # type: ignore[assignment]
        if len(data.get("says", [])) > len(s.excerpts):
            out.append(("says", f"the source has {len(s.excerpts)} excerpt(s)"))
        for name in ("notes", "reliability", "published_note", "url_unavailable"):
            if name in data and getattr(s, name) is None:
                out.append((name, f"the source has no {name}"))
    elif kind == "publishers":
        for name in ("notes", "reliability"):
            if name in data and getattr(rec, name) is None:
                out.append((name, f"the publisher has no {name}"))
    else:
        r: ArticleReview = rec  # type: ignore[assignment]
        refs = {st.ref for st in r.statements if st.not_checked}
        for ref in data.get("not_checked", {}):
            if ref not in refs:
                out.append(("not_checked", f"statement '{ref}' is not a statement marked not_checked"))
    return out


def translated_texts(tr: Translated) -> Iterator[tuple[str, str]]:
    """(field, text) of every text a translation gives (for the text checks)."""
    for name, value in tr.model_dump(exclude_none=True, exclude={"from_", "id"}).items():
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    yield name, item
                elif isinstance(item, dict):
                    yield from ((name, v) for v in item.values() if isinstance(v, str))
        elif isinstance(value, dict):
            yield from ((name, v) for v in value.values() if isinstance(v, str))


def check_translations(facts: FactBase, text_check: Any) -> list[Problem]:
    """The rules on translations: a translation of an unknown record, fields the English lacks, out-of-date
    translations (warnings), and the same text rules as the English (``text_check(record, field, text, what)``)."""
    catalog = Catalog.of(facts)
    problems = list(catalog.problems)
    for lang, kind, rid, tr in catalog.items():
        what = f"the '{lang}' translation of {SINGULAR[kind]}" + (f" '{rid}'" if rid else "")
        rec = original(facts, kind, rid)
        if rec is None:
            if rid in facts.dropped:
                continue
            code = "unknown-review" if kind == "review" else f"unknown-{SINGULAR[kind]}"
            problems.append(Problem(tr.where[0], tr.line_of("id"), code,
                                    f"{what}: there is no such {SINGULAR[kind]}; fix the id or remove it"))
            continue
        for name, why in _extras(kind, rec, tr):
            problems.append(Problem(tr.where[0], tr.line_of(name), "translation-extra",
                                    f"{what} gives '{name}', but {why}; remove it"))
        for name, text in translated_texts(tr):
            text_check(tr, name, text, what)
        now = text_hash(kind, rec)
        if tr.from_ != now:
            said = f"was made from another English text (from: {tr.from_})" if tr.from_ else "has no 'from:' hash"
            problems.append(Problem(
                tr.where[0], tr.line_of("from" if tr.from_ else "id"), "stale-translation",
                f"{what} {said}; the English is now {now}: check the translation against the English, then set "
                f"from: {as_yaml(now)} (or run python -m factkit translations --confirm {rid or 'review'} {lang})",
                "warning"))
    # a record the loader rejected may be the one using a topic: fix the errors first (as for unused sources)
    for lang, labels in catalog.topics.items() if not facts.dropped else ():
        for topic in labels:
            if topic not in facts.claims_by_topic and topic != "other":
                holder = next(x for x in facts.translations if x.lang == lang and topic in x.topics)
                problems.append(Problem(holder.where[0], holder.line_of("topics"), "unknown-topic",
                                        f"the '{lang}' topics name '{topic}', which no claim uses; remove it"))
    return problems


# ---- the editors' command: python -m factkit translations ----------------------------------------------

_FROM_LINE = re.compile(r"^(\s*(?:-\s+)?from:\s*)[\"']?([0-9a-f]{0,8})[\"']?", re.MULTILINE)


def as_yaml(digest: str) -> str:
    """A hash as YAML text: quoted when YAML would read it as a number ('34968633', '1e234567')."""
    return digest if re.search(r"[a-df]", digest) or not re.fullmatch(r"[0-9e]+", digest) else f'"{digest}"'


def status(facts: FactBase, langs: list[str] | None = None) -> str:
    """For each language: how many records are translated, missing or out of date, and which are out of date."""
    catalog = Catalog.of(facts)
    lines = []
    for lang in langs or catalog.languages:
        done, stale = catalog.translated_claims(lang)
        lines.append(f"{lang}: {done} of {len(facts.claims)} claims translated, {stale} out of date")
        for kind in KINDS:
            for rid in sorted(catalog.by_lang.get(lang, {}).get(kind, {})):
                if catalog.is_stale(lang, kind, rid):
                    tr = catalog.get(lang, kind, rid)
                    assert tr is not None
                    path, line = tr.where
                    lines.append(f"  {path}:{line}: {SINGULAR[kind]} {rid or ''} out of date [stale-translation]")
    return "\n".join(lines)


def confirm(facts: FactBase, rid: str, lang: str, base: Path) -> str:
    """Write the English's current hash into a translation's ``from:`` (after an editor checked the translation
    against the English). Returns what was done; raises LookupError when there is no such translation."""
    catalog = Catalog.of(facts)
    for kind in KINDS:
        key = "" if kind == "review" and rid == "review" else rid
        tr = catalog.get(lang, kind, key)
        rec = original(facts, kind, key)
        if tr is None or rec is None:
            continue
        now = text_hash(kind, rec)
        path = base / tr.where[0]
        lines = path.read_text(encoding="utf-8").split("\n")
        start = tr.where[1] - 1
        if tr.from_ is not None:
            at = tr.line_of("from") - 1
            written = as_yaml(now)
            lines[at] = _FROM_LINE.sub(r"\g<1>" + written, lines[at], count=1)  # hex digits, maybe quoted
        else:  # add the line after the record's first line, indented like its other keys
            first = lines[start]
            indent = len(first) - len(first.lstrip(" -")) if first.lstrip().startswith("- ") else \
                len(first) - len(first.lstrip())
            lines.insert(start + 1, " " * indent + f"from: {as_yaml(now)}")
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"{tr.where[0]}:{tr.line_of('from') if tr.from_ else start + 2}: from: {as_yaml(now)}"
    raise LookupError(f"no '{lang}' translation of '{rid}' (of a claim, entity, source or the review)")
