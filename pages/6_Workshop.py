"""Workshop: the facilitator's projector screen for the assessment open in this tab: join link and
QR code, who is here, sections given to each person, live progress and result, lock and end."""

from ui import workshop_view
from ui.setup import page_setup

page_setup("Workshop", wide=True)
workshop_view.facilitator_screen()
