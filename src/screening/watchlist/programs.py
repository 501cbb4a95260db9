"""Which programs, regimes and committees of the publishers are the DPRK's, however each
publisher names them: OFAC "DPRK3" and "DPRK-NKSPEA", UN "DPRK", OFSI "Democratic People's
Republic of Korea", the FCDO's "The Democratic People's Republic of Korea (Sanctions) (EU
Exit) Regulations 2019", DFAT "1718 (DPRK)" and "Autonomous (DPRK)", the EU's programme "PRK".
"""

from __future__ import annotations

EU_DPRK_PROGRAMME = "PRK"
_DPRK_WORDS = ("NKSPEA", "(DPRK)", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA")


def is_dprk_program(program: str) -> bool:
    text = program.strip().upper().replace("’", "'")
    return (
        text.startswith("DPRK")
        or text == EU_DPRK_PROGRAMME
        or any(word in text for word in _DPRK_WORDS)
    )
