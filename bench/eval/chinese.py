"""Chinese renderings for the evaluation set, written apart from the matcher's tables.

How a Chinese register writes a company the lists give in English: place and brand in
characters (DANDONG HONGXIANG -> 丹东鸿祥), the English words in Chinese (INDUSTRIAL DEVELOPMENT
-> 实业发展), the legal form last (CO LTD -> 有限公司). The characters for a pinyin syllable are a
common choice for company names; a real register may use another character with the same
reading, which gives the same pinyin.
"""

from __future__ import annotations

import random

# Pinyin syllables -> a character common in company and place names.
CHARACTERS: dict[str, str] = {
    "a": "阿", "ai": "爱", "an": "安", "ang": "昂", "ao": "奥", "ba": "巴", "bai": "百",
    "ban": "邦", "bang": "邦", "bao": "宝", "bei": "北", "ben": "本", "bi": "必", "bian": "边",
    "bin": "滨", "bo": "博", "bu": "步", "cai": "彩", "can": "灿", "cang": "沧", "cao": "曹",
    "ce": "策", "cen": "岑", "ceng": "层", "chang": "长", "chao": "超", "che": "车",
    "chen": "辰", "cheng": "成", "chi": "驰", "chong": "重", "chu": "楚", "chuan": "川",
    "chuang": "创", "chun": "春", "ci": "慈", "cong": "聪", "cui": "翠", "cun": "村",
    "da": "大", "dai": "岱", "dan": "丹", "dang": "当", "dao": "道", "de": "德", "deng": "登",
    "di": "迪", "dian": "典", "ding": "鼎", "dong": "东", "du": "都", "duan": "端",
    "dun": "敦", "duo": "多", "e": "鄂", "en": "恩", "er": "尔", "fa": "发", "fan": "帆",
    "fang": "方", "fei": "飞", "fen": "芬", "feng": "丰", "fu": "富", "gai": "盖", "gan": "赣",
    "gang": "港", "gao": "高", "ge": "格", "geng": "耕", "gong": "工", "gu": "古",
    "guan": "冠", "guang": "光", "gui": "贵", "guo": "国", "hai": "海", "han": "汉",
    "hang": "航", "hao": "豪", "he": "和", "hei": "黑", "heng": "恒", "hong": "鸿",
    "hou": "厚", "hu": "虎", "hua": "华", "huai": "淮", "huan": "环", "huang": "皇",
    "hui": "汇", "hun": "珲", "huo": "火", "ji": "吉", "jia": "嘉", "jian": "建",
    "jiang": "江", "jiao": "骄", "jie": "杰", "jin": "金", "jing": "京", "jiu": "久",
    "ju": "聚", "juan": "娟", "jun": "骏", "kai": "凯", "kang": "康", "ke": "科", "kun": "坤",
    "lai": "莱", "lan": "蓝", "lang": "朗", "le": "乐", "lei": "雷", "li": "利", "lian": "联",
    "liang": "亮", "liao": "辽", "lin": "林", "ling": "灵", "liu": "流", "long": "龙",
    "lu": "陆", "luo": "洛", "lv": "绿", "ma": "马", "mai": "迈", "man": "满", "mao": "茂",
    "mei": "美", "meng": "盟", "mi": "米", "min": "民", "ming": "明", "mu": "牧", "na": "纳",
    "nan": "南", "neng": "能", "ni": "尼", "ning": "宁", "nong": "农", "ou": "欧", "pan": "盘",
    "peng": "鹏", "pin": "品", "ping": "平", "pu": "浦", "qi": "奇", "qian": "千",
    "qiang": "强", "qiao": "桥", "qin": "勤", "qing": "青", "qiu": "秋", "quan": "泉",
    "qun": "群", "rong": "荣", "rui": "瑞", "run": "润", "sai": "赛", "san": "三",
    "sen": "森", "sha": "沙", "shan": "山", "shang": "尚", "shao": "邵", "shen": "深",
    "sheng": "盛", "shi": "世", "shou": "首", "shu": "舒", "shui": "水", "shun": "顺",
    "si": "思", "song": "松", "su": "苏", "sui": "穗", "sun": "孙", "tai": "泰", "tan": "坦",
    "tang": "唐", "tao": "涛", "teng": "腾", "tian": "天", "tie": "铁", "ting": "庭",
    "tong": "通", "tu": "图", "wan": "万", "wang": "旺", "wei": "威", "wen": "文",
    "wo": "沃", "wu": "武", "xi": "西", "xia": "夏", "xian": "先", "xiang": "祥",
    "xiao": "晓", "xie": "协", "xin": "鑫", "xing": "兴", "xiong": "雄", "xu": "旭",
    "xuan": "轩", "xue": "雪", "ya": "亚", "yan": "延", "yang": "阳", "yao": "耀", "ye": "业",
    "yi": "亿", "yin": "银", "ying": "英", "yong": "永", "you": "友", "yu": "宇",
    "yuan": "源", "yue": "越", "yun": "云", "zai": "载", "zan": "赞", "ze": "泽",
    "zeng": "增", "zhan": "展", "zhang": "章", "zhao": "兆", "zhe": "哲", "zhen": "振",
    "zheng": "正", "zhi": "志", "zhong": "中", "zhou": "州", "zhu": "珠", "zhuo": "卓",
    "zi": "紫", "zong": "宗", "zun": "尊", "zuo": "佐",
}

# Places whose characters are fixed (a register writes the real name, not a homophone).
PLACES: dict[str, str] = {
    "dandong": "丹东", "shenyang": "沈阳", "dalian": "大连", "beijing": "北京",
    "shanghai": "上海", "shenzhen": "深圳", "guangzhou": "广州", "tianjin": "天津",
    "qingdao": "青岛", "yanbian": "延边", "yanji": "延吉", "hunchun": "珲春", "jilin": "吉林",
    "changchun": "长春", "harbin": "哈尔滨", "weihai": "威海", "yantai": "烟台",
    "ningbo": "宁波", "hangzhou": "杭州", "suzhou": "苏州", "wuhan": "武汉",
    "chengdu": "成都", "xiamen": "厦门", "zhuhai": "珠海", "dongguan": "东莞",
    "foshan": "佛山", "nanjing": "南京", "wuxi": "无锡", "liaoning": "辽宁",
    "jiangsu": "江苏", "zhejiang": "浙江", "guangdong": "广东", "fujian": "福建",
    "shandong": "山东", "chongqing": "重庆", "xian": "西安", "jinan": "济南",
    "hong kong": "香港", "hongkong": "香港", "macau": "澳门", "kunming": "昆明",
    "shijiazhuang": "石家庄", "urumqi": "乌鲁木齐", "hohhot": "呼和浩特", "lanzhou": "兰州",
    "nanning": "南宁", "guiyang": "贵阳", "taiyuan": "太原", "jinhua": "金华", "quanzhou": "泉州",
    "wenzhou": "温州", "changzhou": "常州", "nantong": "南通", "zhuzhou": "株洲",
    "china": "中国", "asia": "亚洲", "dubai": "迪拜", "singapore": "新加坡", "korea": "朝鲜",
    "pacific": "太平洋", "russia": "俄罗斯", "mongolia": "蒙古",
    "changsha": "长沙", "hefei": "合肥", "zhengzhou": "郑州", "xiamen port": "厦门港",
}

WORDS: dict[str, str] = {
    "industrial": "实业", "industry": "工业", "development": "发展", "trading": "贸易",
    "trade": "贸易", "technology": "科技", "technologies": "科技", "tech": "科技",
    "international": "国际", "group": "集团", "network": "网络", "information": "信息",
    "logistics": "物流", "shipping": "航运", "electronics": "电子", "electronic": "电子",
    "electrical": "电气", "electric": "电气", "machinery": "机械", "equipment": "设备",
    "investment": "投资", "holdings": "控股", "holding": "控股", "construction": "建设",
    "engineering": "工程", "energy": "能源", "mining": "矿业", "metal": "金属",
    "metallic": "金属", "material": "材料", "materials": "材料", "chemical": "化工",
    "chemicals": "化工", "science": "科学", "bank": "银行", "economic": "经济",
    "commerce": "商贸", "commercial": "商贸", "power": "动力", "precision": "精密",
    "intelligent": "智能", "petroleum": "石油", "oil": "石油", "aviation": "航空",
    "marine": "海洋", "ocean": "海洋", "tools": "工具", "tool": "工具", "instrument": "仪器",
    "instruments": "仪器", "automation": "自动化", "software": "软件",
    "management": "管理", "consulting": "咨询", "service": "服务", "services": "服务",
    "medical": "医疗", "pharmaceutical": "医药", "biological": "生物", "textile": "纺织",
    "garment": "服装", "food": "食品", "seafood": "海产", "animation": "动漫",
    "cultural": "文化", "culture": "文化", "media": "传媒", "creative": "创意",
    "semiconductor": "半导体", "microelectronics": "微电子", "optoelectronic": "光电",
    "communication": "通信", "communications": "通信", "robot": "机器人", "cnc": "数控",
    "import": "进口", "export": "出口", "new": "新", "smart": "智能", "digital": "数码",
    "energy technology": "能源科技", "supply": "供应", "chain": "链", "auto": "汽车",
    "automotive": "汽车", "parts": "配件", "components": "零部件", "steel": "钢铁",
    "products": "产品", "product": "产品", "manufacturing": "制造", "industries": "工业",
    "development zone": "开发区", "security": "安防", "optical": "光学", "photoelectric": "光电",
    "display": "显示", "power technology": "动力科技", "logistic": "物流", "ship": "船舶",
    "vessel": "船舶", "port": "港口", "transport": "运输", "transportation": "运输",
    "global": "环球", "oriental": "东方", "east": "东方", "orient": "东方", "century": "世纪",
    "union": "联合", "united": "联合", "star": "星", "golden": "金", "dragon": "龙",
    "ocean": "海洋", "sun": "太阳", "west": "西部", "north": "北方", "south": "南方",
    "great": "大", "wall": "长城", "pearl": "明珠", "river": "江", "mountain": "山",
    "software": "软件", "cloud": "云", "data": "数据", "internet": "互联网", "media": "传媒",
}

LEGAL_FORMS: dict[str, str] = {
    "co ltd": "有限公司", "co limited": "有限公司", "company limited": "有限公司",
    "limited": "有限公司", "ltd": "有限公司", "co": "公司", "company": "公司",
    "corporation": "公司", "corp": "公司", "llc": "有限责任公司",
}

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j",
             "q", "x", "r", "z", "c", "s", "y", "w", "")


def pinyin_syllables(word: str) -> list[str] | None:
    """A word of run-together pinyin cut into syllables of CHARACTERS (fewest), or None."""
    word = word.lower()
    best: dict[int, list[str]] = {0: []}
    for start in range(len(word)):
        if start not in best:
            continue
        for end in range(len(word), start, -1):
            piece = word[start:end]
            if piece in CHARACTERS:
                candidate = [*best[start], piece]
                if end not in best or len(candidate) < len(best[end]):
                    best[end] = candidate
    found = best.get(len(word))
    return found if found and len(found) <= 4 else None


def hanzi_for_word(word: str, rng: random.Random) -> str | None:
    """A pinyin word in characters: a known place as written, else syllable by syllable."""
    place = PLACES.get(word.lower())
    if place:
        return place
    syllables = pinyin_syllables(word)
    if not syllables:
        return None
    return "".join(CHARACTERS[syllable] for syllable in syllables)
