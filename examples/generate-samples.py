#!/usr/bin/env python3
"""Write the sample extract and contacts CSV in this folder.

Every name, id and phone number is invented; the fixed seed makes the output identical on
every run. The extract uses the full 2023-24 header, read from the header file given as the
first argument (one caret-separated line of column names).

Usage: python3 examples/generate-samples.py HEADER_FILE
"""
import os
import random
import sys

SEED = 20240614
STUDENTS = 300
DISTRICT = "19647330000000"
SCHOOLS = [("19647336000001", "Sunrise Elementary"), ("19647336000002", "Valley Oak Middle"), ("19647336000003", "Harbor High")]
GRADES_BY_SCHOOL = {0: ["KN", "01", "02", "03", "04", "05"], 1: ["06", "07", "08"], 2: ["09", "10", "11", "12"]}

# (CALPADSPrimaryLanguage, CEDSLanguageCode, given names, family names, guardian language)
LANGUAGES = [
    ("SPA", "spa", ["José", "María", "Sofía", "Mateo", "Lucía"], ["García", "Hernández", "López", "Ramírez"], "spa"),
    ("01", "spa", ["Diego", "Ana", "Camila", "Andrés"], ["Martínez", "Flores", "Ortiz"], "spa"),
    ("CMN", "cmn", ["小明", "丽华", "Wei", "Mei"], ["王", "李", "Zhang", "Chen"], "cmn"),
    ("VIE", "vie", ["Thị Mai", "Văn Hùng", "Ngọc Anh", "Minh"], ["Nguyễn", "Trần", "Phạm", "Lê"], "vie"),
    ("FIL", "fil", ["Jose Miguel", "Maria Clara", "Paolo"], ["Santos", "Reyes", "Bautista", "dela Cruz"], "fil"),
    ("YUE", "yue", ["嘉欣", "Ka Yan", "Ho Yin"], ["陈", "黄", "Wong", "Chan"], "yue"),
    ("ENG", "eng", ["Ava", "Liam", "Siobhán", "Marie-Claire"], ["O'Connor", "D’Angelo", "Smith-Jones", "Miller"], "eng"),
    ("ARA", "ara", ["محمد", "ليلى", "Omar", "Yasmin"], ["العلي", "حداد", "Hassan", "Haddad"], "ara"),
]
GUARDIAN_GIVEN = ["Rosa", "Luis", "Thu", "Bình", "Amal", "Khalid", "Mei", "Jun", "Grace", "Paul", "Seán", "Élodie"]
RELATIONSHIPS = ["Mother", "Father", "Guardian", "Grandmother", "Aunt"]
INVALID_PHONES = ["555-01", "call office", "(559) 555-01999", "n/a"]


def main() -> None:
    header = open(sys.argv[1], encoding="utf-8").read().strip().split("^")
    index = {name: position for position, name in enumerate(header)}
    rng = random.Random(SEED)
    here = os.path.dirname(os.path.abspath(__file__))

    rows, students = [], []
    for number in range(STUDENTS):
        school_index = number % len(SCHOOLS)
        school_code, school_name = SCHOOLS[school_index]
        calpads, ceds, givens, families, guardian_language = rng.choice(LANGUAGES)
        student = {
            "ssid": str(1960000000 + number * 7 + 3),
            "local": f"S{20000 + number}",
            "family": rng.choice(families),
            "guardian_language": guardian_language,
        }
        fields = {
            "RecordType": "01" if number % 10 else "03",
            "SSID": student["ssid"],
            "LocalStudentID": student["local"],
            "StudentLastName": student["family"],
            "StudentFirstName": rng.choice(givens),
            "StudentMiddleName": rng.choice(["", "", "Luz", "Anh", "James"]),
            "GradeAssessed": rng.choice(GRADES_BY_SCHOOL[school_index]),
            "CALPADSDistrictCode": DISTRICT,
            "CALPADSDistrictName": "Example Unified",
            "CALPADSSchoolCode": school_code,
            "CALPADSSchoolName": school_name,
            "CALPADSPrimaryLanguage": calpads,
            "PrimaryLanguageforTesting": calpads,
            "CEDSLanguageCode": ceds,
            "ELStatus": "EL",
            "TestedStatus": "T",
            "SSREligible": "Y",
            "SSRAvailableDate": "2024-06-14" if number % 4 else "",
            "OverallScaleScore": str(rng.randint(1400, 1650)),
            "OverallPL": str(rng.randint(1, 4)),
            "EndofRecord": "ZZ",
        }
        # Rows the import must reject, each for one reason.
        if number == 17:
            fields["SSREligible"] = "N"
        elif number == 42:
            fields["SSID"] = "19600002"
        elif number in (88, 203):
            fields["RecordType"] = "02"
        cells = [""] * len(header)
        for name, value in fields.items():
            cells[index[name]] = value
        rows.append("^".join(cells))
        students.append(student)

    with open(os.path.join(here, "elpac-extract-sample.txt"), "w", encoding="utf-8", newline="\n") as extract:
        extract.write("^".join(header) + "\n")
        extract.write("\n".join(rows) + "\n")

    lines = ["ssid,local_student_id,guardian_name,relationship,mobile_phone,texting_consent,preferred_language,portal_account_id"]
    for number, student in enumerate(students):
        if number % 12 == 5:
            continue  # about one student in twelve has no contact row
        guardians = 2 if number % 5 == 0 else 1
        for guardian in range(guardians):
            phone = f"(559) 555-01{(number * 3 + guardian) % 100:02d}"
            if number % 37 == 11 and guardian == 0:
                phone = rng.choice(INVALID_PHONES)
            consent = "no" if number % 9 == 4 else rng.choice(["yes", "yes", "yes", ""])
            by_local_id = number % 15 == 7
            lines.append(",".join([
                "" if by_local_id else student["ssid"],
                student["local"] if by_local_id else "",
                f'"{rng.choice(GUARDIAN_GIVEN)} {student["family"]}"',
                rng.choice(RELATIONSHIPS),
                phone,
                consent,
                student["guardian_language"],
                f"portal-{number:04d}-{guardian + 1}",
            ]))
    with open(os.path.join(here, "contacts-sample.csv"), "w", encoding="utf-8", newline="\n") as contacts:
        contacts.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
