"""The Learn page's text: plain-language explanations, kept apart from layout."""

# Each report, then each type, as (name, ((row, text), ...)): drawn as cards side by side on a
# laptop that stack on a phone, where a four-column table would run off the screen.
REPORTS = (
    ("SOC 1", (
        ("Answers", "Can your customers' financial auditors rely on your controls?"),
        ("Read by", "Customers' controllers, CFOs and external auditors"),
        ("Measured against", "Control objectives you define with the auditor (typically 10–30)"),
        ("Shared", "Restricted to you, customers and their auditors"),
        ("Typical for", "Payroll, payments, claims, fund administration, financial software"),
    )),
    ("SOC 2", (
        ("Answers", "Do you protect the systems and data customers trust you with?"),
        ("Read by", "Customers' security, IT, procurement and vendor-risk teams"),
        ("Measured against", "The Trust Services Criteria for the categories you choose"),
        ("Shared", "Restricted: customers and prospects, under NDA"),
        ("Typical for", "SaaS, cloud, data centres, managed services, health tech"),
    )),
    ("SOC 3", (
        ("Answers", "The SOC 2 answer, in short, for anyone"),
        ("Read by", "The public: your website, trust centre"),
        ("Measured against", "Same as SOC 2"),
        ("Shared", "General use: publish it"),
        ("Typical for", "Companies that already have a SOC 2 Type II"),
    )),
)

TYPES = (
    ("Type I", (
        ("The opinion covers", "The design of your controls **on one date**"),
        ("Testing", "Mostly inspection: one example of each control"),
        ("History needed", "Controls in place on the date"),
        ("Buyers think", "A good first artefact"),
    )),
    ("Type II", (
        ("The opinion covers", "Design **and** operation **over a period** (3, 6 or 12 months)"),
        ("Testing", "Samples across the whole period"),
        ("History needed", "Evidence for the whole period; it cannot be created afterwards"),
        ("Buyers think", "What most buyers and auditors ultimately want"),
    )),
)

COMPARISONS = (("SOC 1, SOC 2 and SOC 3", REPORTS), ("Type I and Type II", TYPES))
TYPES_NOTE = "A Type I is optional, not a step you must take first. And Type I/II has nothing to do with SOC 1/SOC 2."

CATEGORIES = (
    ("Security", "Always included: the 33 common criteria (governance, risk, access, operations, change "
                 "management, vendors)."),
    ("Availability", "Add it when you commit to uptime in contracts or host customers' infrastructure "
                     "(3 criteria: capacity, backups and recovery, recovery tests)."),
    ("Confidentiality", "Add it when you hold customers' confidential business information under contract: "
                        "source code, financials, deal data (2 criteria)."),
    ("Processing Integrity", "Add it when customers rely on your transactions or calculations being "
                             "complete, accurate and on time: payments, billing, payroll, data pipelines "
                             "(5 criteria)."),
    ("Privacy", "Add it when you collect personal information directly from people under your own privacy "
                "notice. The largest category (18 criteria); B2B processors often start without it."),
)

GLOSSARY = (
    ("Attestation", "A CPA firm's independent opinion on what management asserts. SOC reports are "
                    "attestations, not certifications."),
    ("Trust Services Criteria (TSC)", "The 61 criteria (2017, with points of focus revised in 2022) a SOC 2 "
                                      "report is measured against, in five categories."),
    ("Points of focus", "Examples of what a criterion can involve. Guidance, not a checklist."),
    ("Observation window", "The period a Type II report covers; the auditor samples evidence from all of it."),
    ("Bridge letter", "A letter signed by your management covering the months between a report's period end "
                      "and a later date. It is not auditor assurance."),
    ("CUEC", "Complementary user entity controls: the controls your customers must run themselves for yours "
             "to work, listed in your report (and in your providers' reports for you)."),
    ("Carve-out", "Leaving a subservice organisation (for example your cloud provider) out of your report; "
                  "its controls are then covered by its own report."),
    ("CSOC", "Complementary subservice organisation controls: what you expect a carved-out provider to do."),
    ("Inclusive method", "The opposite of carve-out: the provider's controls are described and tested in "
                         "your report."),
    ("User auditor", "Your customer's external financial-statement auditor, the main reader of a SOC 1."),
    ("ITGC", "IT general controls: access, change management and operations over the systems that matter."),
)
