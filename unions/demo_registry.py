"""The Jiayin County (嘉荫县) union registry of the demo: who exists, since when, under whom.

The counts are made in `unions.demo`; this table only names the organisations. A union's name is
the organisation's name followed by 工会 (the industry joint unions carry their own full names).
"""

from datetime import date

# The four industry joint unions of the seed, with the key their covered unions use below.
JOINT_UNIONS = (
    ("catering", "嘉荫县酒店、餐饮服务行业联合工会", date(2011, 3, 18)),
    ("beauty", "嘉荫县美容、美发、洗浴网吧行业联合工会", date(2011, 5, 26)),
    ("retail", "嘉荫县商业零售行业联合工会", date(2011, 9, 15)),
    ("industry", "嘉荫县加工、制造、建筑行业联合工会", date(2011, 11, 8)),
)

# The members affiliated directly to each joint union at 2012-06-30 (the workers of small shops
# and workshops without a union of their own, 建会入会 through the joint union): (members,
# employed, laid off, joined in 2012's first half). They count in the county's members and
# workers; the seed's totals hold with them.
JOINT_DIRECT = {
    "catering": (38, 41, 0, 2),
    "beauty": (26, 29, 0, 1),
    "retail": (31, 34, 2, 0),
    "industry": (47, 52, 3, 2),
}

# The joint unions' industry-wide collective contracts and wage agreements (行业性集体合同,
# 行业性工资专项集体合同): key -> (contract signed, contract expires, wage signed, wage expires).
JOINT_AGREEMENTS = {
    "catering": (date(2011, 6, 20), date(2014, 6, 19), date(2012, 3, 15), date(2013, 3, 14)),
    "beauty": (date(2011, 8, 5), date(2014, 8, 4), date(2011, 8, 5), date(2012, 8, 4)),
    "retail": (date(2011, 12, 8), date(2014, 12, 7), date(2012, 4, 10), date(2013, 4, 9)),
    "industry": (date(2012, 4, 26), date(2015, 4, 25), None, None),
}

# kind -> ((organisation, established on or None for an old union, joint union key or ""), ...)
ORGANISATIONS: dict[str, tuple[tuple[str, date | None, str], ...]] = {
    "government": tuple((name, None, "") for name in (
        "中共嘉荫县委机关", "嘉荫县人大常委会机关", "嘉荫县人民政府机关", "政协嘉荫县委员会机关",
        "嘉荫县纪委监察局", "中共嘉荫县委组织部", "中共嘉荫县委宣传部", "中共嘉荫县委政法委员会",
        "嘉荫县财政局", "嘉荫县发展和改革局", "嘉荫县教育局", "嘉荫县卫生局", "嘉荫县民政局",
        "嘉荫县人力资源和社会保障局", "嘉荫县公安局", "嘉荫县司法局", "嘉荫县国土资源局",
        "嘉荫县住房和城乡建设局", "嘉荫县交通运输局", "嘉荫县水务局", "嘉荫县农业局",
        "嘉荫县林业局", "嘉荫县畜牧兽医局", "嘉荫县商务局", "嘉荫县文体广电局", "嘉荫县审计局",
        "嘉荫县统计局", "嘉荫县环境保护局", "嘉荫县安全生产监督管理局", "嘉荫县工商行政管理局",
        "嘉荫县质量技术监督局", "嘉荫县地方税务局", "嘉荫县国家税务局", "嘉荫县人民法院",
        "嘉荫县人民检察院", "嘉荫县总工会机关", "嘉荫县粮食局", "嘉荫县科学技术局",
        "嘉荫县经济和信息化局",
    )),
    "institution": tuple((name, None, "") for name in (
        "嘉荫县第一中学", "嘉荫县第二中学", "嘉荫县朝阳镇第一小学", "嘉荫县朝阳镇第二小学",
        "嘉荫县实验小学", "嘉荫县职业技术教育中心", "嘉荫县幼儿园", "嘉荫县人民医院",
        "嘉荫县中医院", "嘉荫县妇幼保健院", "嘉荫县疾病预防控制中心", "嘉荫县卫生监督所",
        "嘉荫县广播电视台", "嘉荫县图书馆", "嘉荫县文化馆", "嘉荫县气象局",
        "嘉荫恐龙国家地质公园管理处", "嘉荫县农业技术推广中心", "嘉荫县林业技术推广站",
        "嘉荫县房产管理处", "嘉荫县环境卫生管理处", "嘉荫县社会保险事业管理局",
        "嘉荫县就业服务局", "嘉荫县动物卫生监督所", "嘉荫县乌云镇中心学校",
    )),
    "state_owned": tuple((name, None, "") for name in (
        "嘉荫县电业局", "中国移动通信集团黑龙江有限公司嘉荫分公司",
        "中国联合网络通信有限公司嘉荫县分公司", "中国电信股份有限公司嘉荫分公司",
        "中国邮政集团公司嘉荫县分公司", "中国农业银行嘉荫县支行", "中国建设银行嘉荫支行",
        "中国邮政储蓄银行嘉荫县支行", "中国人寿保险股份有限公司嘉荫支公司",
        "中国石油黑龙江伊春嘉荫销售分公司", "黑龙江乌拉嘎黄金矿业有限责任公司", "嘉荫农场",
        "嘉荫县国家粮食储备库", "嘉荫县烟草专卖局", "嘉荫县自来水公司", "嘉荫县供热公司",
    )),
    "collective": (
        ("嘉荫县农村信用合作联社", None, ""),
        ("嘉荫县供销合作社联合社", None, "retail"),
        ("嘉荫县第一建筑工程公司", None, "industry"),
        ("嘉荫县汽车运输公司", None, ""),
        ("嘉荫县二轻综合厂", None, "industry"),
        ("嘉荫县朝阳镇木器厂", None, "industry"),
    ),
    "private": (
        ("嘉荫县恐龙大酒店有限公司", None, "catering"),
        ("嘉荫县龙江宾馆", None, "catering"),
        ("嘉荫县北疆饭店", None, "catering"),
        ("嘉荫县江畔鱼馆", date(2011, 10, 9), "catering"),
        ("嘉荫县康乐洗浴中心", None, "beauty"),
        ("嘉荫县丽人美容美发有限公司", date(2011, 6, 8), "beauty"),
        ("嘉荫县星空网吧", date(2011, 8, 23), "beauty"),
        ("嘉荫县兴安商厦有限公司", None, "retail"),
        ("嘉荫县华联超市", date(2011, 4, 12), "retail"),
        ("嘉荫县百货大楼有限公司", None, "retail"),
        ("嘉荫县鑫达木业有限公司", None, "industry"),
        ("嘉荫县金源米业有限公司", None, "industry"),
        ("嘉荫县宏达建筑工程有限公司", None, "industry"),
        ("嘉荫县北大荒黑木耳食品加工厂", None, "industry"),
    ),
    "foreign": (("嘉荫县中俄合资远东木业有限公司", None, "industry"),),
    "community": (
        ("嘉荫县朝阳镇东兴社区", None, ""),
        ("嘉荫县朝阳镇西兴社区", None, ""),
        ("嘉荫县朝阳镇南岗社区", None, ""),
        ("嘉荫县朝阳镇北山社区", None, ""),
        ("嘉荫县朝阳镇江畔社区", None, ""),
        ("嘉荫县朝阳镇中心社区", date(2011, 3, 30), ""),
    ),
    "township": tuple((name, None, "") for name in (
        "嘉荫县朝阳镇", "嘉荫县乌云镇", "嘉荫县乌拉嘎镇", "嘉荫县向阳乡", "嘉荫县常胜乡",
        "嘉荫县沪嘉乡", "嘉荫县红光乡", "嘉荫县保兴乡", "嘉荫县青山乡",
    )),
    "other": tuple((name, None, "") for name in (
        "嘉荫县个体劳动者协会", "嘉荫县私营企业协会", "嘉荫县向阳乡黑木耳专业合作社",
    )),
}

# The two unions founded in the first half of 2012 (the seed: 2 new, 1 of them private):
# (organisation, kind, established on, joint union key, members, employed, laid off).
# Every member of a new union joined in the period.
FOUNDED_2012 = (
    ("嘉荫县恒达木耳制品有限公司", "private", date(2012, 4, 18), "industry", 16, 18, 0),
    ("嘉荫县朝阳镇新华社区", "community", date(2012, 5, 21), "", 9, 7, 14),
)

# Unions dissolved before mid-2012 (not counted at 2012-06-30): (organisation, kind,
# established on, dissolved on).
DISSOLVED = (
    ("嘉荫县第二砖厂", "collective", date(1988, 5, 1), date(2011, 10, 31)),
    ("嘉荫县华鑫矿业有限公司", "private", date(2007, 6, 18), date(2012, 3, 31)),
)

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾"
    "彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康"
    "毛邱秦江史顾侯邵孟万段"
)
GIVEN = (  # two characters a name, or one
    "国华建军志刚丽娟秀英玉兰桂芝凤霞海涛立新德明淑珍宝山永生春燕红梅晓东文革"
    "庆丰继承长青振宇明辉"
)
STREETS = ("中央大街", "兴安路", "江滨路", "朝阳路", "东兴路", "西林路", "南岗路", "建设路",
           "北山路", "团结路")
