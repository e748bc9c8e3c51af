/// The names a synthetic network is made of, by script: real given and family names and syllables for
/// city names, so that search meets what it meets in a real network (accents, Chinese, Japanese, Korean,
/// Arabic and Cyrillic, family name first where that is the custom).
struct Script: Sendable {
    let key: String
    let familyFirst: Bool
    let givenNames: [String]
    let familyNames: [String]
    /// City names are two or three of these run together, then `citySuffix`.
    let citySyllables: [String]
    let citySuffix: String
    /// Countries that write this script, with the share of organizations in each.
    let countries: [(code: String, region: String, language: String, latitude: Double, longitude: Double)]
    /// How names are written in Latin letters where transliteration would not say it (Japanese kanji read
    /// as Japanese, not as Chinese).
    var romanized: [String: String] = [:]

    static let all: [Script] = [latin, chinese, japanese, korean, arabic, cyrillic]

    /// How many organizations in a hundred are in each script, in the order of `all`.
    static let weights = [52, 18, 8, 6, 8, 8]

    static let latin = Script(
        key: "latin", familyFirst: false,
        givenNames: [
            "José", "María", "João", "Ana", "Zoë", "Łukasz", "Søren", "Maëlle", "Çağla", "François", "Inês",
            "Håkon", "Miloš", "Agnès", "Pál", "Noémie", "Tomás", "Ayşe", "Jürgen", "Beatriz", "Chloé", "Dário",
            "Elif", "Giulia", "Henrik", "Irène", "Jana", "Karim", "Lucía", "Mateus", "Nuño", "Olga", "Pedro",
            "Raúl", "Sofía", "Théo", "Ugo", "Valérie", "Wojciech", "Xavier", "Yusuf", "Zsófia", "Amara", "Kofi",
        ],
        familyNames: [
            "García", "Müller", "Novák", "Sørensen", "Kowalski", "Dubois", "Öztürk", "Fernández", "Rossi",
            "Silva", "Dvořák", "Lefèvre", "Johansson", "Nagy", "Peña", "Schröder", "Martínez", "Costa", "Ibáñez",
            "Łaski", "Mensah", "Okafor", "Diallo", "Núñez", "Gómez", "Ferreira", "Horváth", "Virtanen",
            "Bianchi", "Jiménez", "Moreau", "Kovačević", "Ødegaard", "Álvarez", "Santos", "Yılmaz",
        ],
        citySyllables: [
            "San", "ta", "ri", "mon", "val", "bel", "cas", "lo", "ve", "ra", "no", "sé", "bur", "ga", "lis",
            "ma", "dri", "po", "za", "ñe", "ter", "lin", "ço", "vil", "ke", "do", "mar", "fé", "ro", "bo",
        ],
        citySuffix: "",
        countries: [
            ("ES", "europe", "es", 40.4, -3.7), ("FR", "europe", "fr", 46.6, 2.2), ("DE", "europe", "de", 51.2, 10.4),
            ("IT", "europe", "it", 42.8, 12.8), ("PL", "europe", "pl", 52.1, 19.4), ("SE", "europe", "sv", 62.2, 15.6),
            ("BR", "latin-america", "pt", -14.2, -51.9), ("MX", "latin-america", "es", 23.6, -102.5),
            ("AR", "latin-america", "es", -38.4, -63.6), ("CO", "latin-america", "es", 4.6, -74.1),
            ("US", "north-america", "en", 39.8, -98.6), ("CA", "north-america", "en", 56.1, -106.3),
            ("TR", "middle-east-west-asia", "tr", 39.0, 35.2), ("SN", "africa", "fr", 14.5, -14.5),
            ("NG", "africa", "en", 9.1, 8.7), ("GH", "africa", "en", 7.9, -1.0), ("PT", "europe", "pt", 39.4, -8.2),
        ])

    static let chinese = Script(
        key: "chinese", familyFirst: true,
        givenNames: [
            "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
            "秀兰", "霞", "平", "刚", "国", "建华", "志强", "海燕", "晓明", "文",
        ],
        familyNames: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"],
        citySyllables: [
            "广", "州", "佛", "山", "东", "莞", "珠", "海", "南", "京", "宁", "波", "长", "沙", "安", "成", "都", "江", "阳", "昌",
        ],
        citySuffix: "市",
        countries: [
            ("CN", "asia-pacific", "zh", 35.9, 104.2), ("TW", "asia-pacific", "zh", 23.7, 121.0),
            ("SG", "asia-pacific", "zh", 1.35, 103.8),
        ])

    static let japanese = Script(
        key: "japanese", familyFirst: true,
        givenNames: ["陽翔", "蓮", "結衣", "さくら", "美咲", "大翔", "葵", "湊", "陽菜", "翔太", "花子", "健", "由美", "誠"],
        familyNames: ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤", "吉田", "山田"],
        citySyllables: ["大", "阪", "京", "都", "横", "浜", "名", "古", "屋", "札", "幌", "神", "戸", "福", "岡", "仙", "台"],
        citySuffix: "市",
        countries: [("JP", "asia-pacific", "ja", 36.2, 138.3)],
        romanized: [
            "陽翔": "Haruto", "蓮": "Ren", "結衣": "Yui", "さくら": "Sakura", "美咲": "Misaki", "大翔": "Hiroto",
            "葵": "Aoi", "湊": "Minato", "陽菜": "Hina", "翔太": "Shota", "花子": "Hanako", "健": "Ken", "由美": "Yumi",
            "誠": "Makoto", "佐藤": "Sato", "鈴木": "Suzuki", "高橋": "Takahashi", "田中": "Tanaka", "渡辺": "Watanabe",
            "伊藤": "Ito", "山本": "Yamamoto", "中村": "Nakamura", "小林": "Kobayashi", "加藤": "Kato", "吉田": "Yoshida",
            "山田": "Yamada",
        ])

    static let korean = Script(
        key: "korean", familyFirst: true,
        givenNames: ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "지민", "수빈", "예준", "현우", "유진"],
        familyNames: ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"],
        citySyllables: ["서", "울", "부", "산", "대", "구", "인", "천", "광", "주", "전", "수", "원", "창"],
        citySuffix: "시",
        countries: [("KR", "asia-pacific", "ko", 35.9, 127.8)])

    static let arabic = Script(
        key: "arabic", familyFirst: false,
        givenNames: ["محمد", "أحمد", "فاطمة", "ليلى", "يوسف", "مريم", "عمر", "نور", "خالد", "سارة", "علي", "هدى"],
        familyNames: ["الحسن", "العلي", "المنصور", "الخطيب", "حداد", "السيد", "الشامي", "البدوي", "النجار", "الزين"],
        citySyllables: ["الر", "باط", "دا", "ر", "بي", "ضا", "عم", "ان", "مس", "قط", "جد", "ة", "تو", "نس"],
        citySuffix: "",
        countries: [
            ("EG", "africa", "ar", 26.8, 30.8), ("MA", "africa", "ar", 31.8, -7.1),
            ("JO", "middle-east-west-asia", "ar", 30.6, 36.2),
            ("AE", "middle-east-west-asia", "ar", 23.4, 53.8), ("TN", "africa", "ar", 33.9, 9.5),
        ],
        romanized: [
            "محمد": "Mohamed", "أحمد": "Ahmed", "فاطمة": "Fatima", "ليلى": "Leila", "يوسف": "Youssef",
            "مريم": "Maryam", "عمر": "Omar", "نور": "Nour", "خالد": "Khaled", "سارة": "Sara", "علي": "Ali",
            "هدى": "Houda", "الحسن": "El Hassan", "العلي": "Al-Ali", "المنصور": "El Mansour", "الخطيب": "El Khatib",
            "حداد": "Haddad", "السيد": "El Sayed", "الشامي": "Al-Shami", "البدوي": "El Badawi", "النجار": "Najjar",
            "الزين": "El Zein",
        ])

    static let cyrillic = Script(
        key: "cyrillic", familyFirst: false,
        givenNames: [
            "Александр", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Иван", "Ольга", "Наталья", "Алексей",
        ],
        familyNames: [
            "Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов",
        ],
        citySyllables: [
            "Ново", "си", "бир", "ск", "Ека", "те", "рин", "бург", "Ка", "зань", "Ом", "Самара", "Ал", "ма", "ты",
        ],
        citySuffix: "",
        countries: [
            ("RU", "eurasia", "ru", 55.8, 37.6), ("KZ", "eurasia", "kk", 48.0, 66.9),
            ("BY", "eurasia", "be", 53.7, 27.9),
            ("KG", "eurasia", "ky", 41.2, 74.8),
        ])
}
