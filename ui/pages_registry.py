"""Every page's path in one place, so a link, a page switch and the sidebar never disagree.

Streamlit finds pages by the file under pages/ (its own pages directory); these are those files.
"""

from __future__ import annotations

HOME = "app.py"
ASSESSMENT = "pages/1_Assessment.py"
RESULTS = "pages/2_Results.py"
PLAN = "pages/3_Plan.py"
LEARN = "pages/4_Learn.py"
WORKSPACE = "pages/5_Workspace.py"
WORKSHOP = "pages/6_Workshop.py"

# The sidebar's navigation: path, label, icon, in the order shown.
NAVIGATION = (
    (HOME, "Home", ":material/home:"),
    (ASSESSMENT, "Assessment", ":material/checklist:"),
    (RESULTS, "Results", ":material/insights:"),
    (PLAN, "Plan", ":material/calendar_month:"),
    (LEARN, "Learn", ":material/school:"),
    (WORKSPACE, "Workspace", ":material/folder_open:"),
    (WORKSHOP, "Workshop", ":material/groups:"),
)
