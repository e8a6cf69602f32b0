"""Random business models for the document writer's round trip (:mod:`kg.publish`).

:func:`models` draws plausible models from a small vocabulary of a manufacturer's
departments, roles, business areas, activities, outputs and descriptions: one to three
areas, each with lettered activities, sub-activities and bulleted sub-items (the four
levels of the site style), each activity with any of the fields (a leaf has a responsible
role at least), roles in departments.
The vocabulary keeps to what a real document of the family says: no name holds a field
label, a list separator (``、`` ``和`` ``及``), ``向``/``汇报``, or ends with an activity's
name (:func:`test_vocabulary_is_plain` in the round-trip tests checks it), and only names
of departments end in a department suffix.

Codes are those the site style writes (``2``, ``2.A``, ``2.A.a``, ``2.A.1``,
``2.A.a.1``), so a model read back must equal the one drawn, codes included.
:func:`facts` is what the round trip compares.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kg.model import Activity, Department, Model, Monitor, Output, Report, Role, Source, statements
from kg.names import to_simplified

DEPARTMENTS = (
    "采购部", "生产部", "质量部", "财务部", "销售部", "市场部", "人力资源部", "信息中心",
    "客户服务中心", "物流中心", "研发部", "审计部",
)
ROLES = (
    "采购专员", "计划员", "质检员", "班组长", "客户经理", "产品经理", "销售代表", "会计",
    "出纳", "仓库管理员", "调度员", "工艺工程师", "培训专员", "招聘专员", "审计员",
    "维修工程师", "区域经理", "项目经理", "行政助理", "商务专员", "数据分析师", "质量工程师",
)
AREAS = ("采购", "生产", "质量", "销售", "服务", "财务", "人力资源", "物流")
ACTIVITIES = (
    "供应商管理", "采购执行", "订单下达", "订单跟催", "生产排程", "车间作业", "来料检验",
    "成品检验", "客户拜访", "市场调研", "合同评审", "客户投诉处理", "库存盘点", "发货管理",
    "设备维修", "人员招聘", "员工培训", "预算编制", "费用报销", "内部审计", "项目立项",
    "数据治理", "价格谈判", "样品确认",
)
OUTPUTS = (
    "合格供应商名录", "采购订单台账", "月度排程表", "生产日报", "来料检验报告", "客户拜访报告",
    "市场分析报告", "销售合同", "培训记录", "财务报表", "库存盘点表", "发货单", "维修记录",
    "招聘计划", "审计报告", "项目周报",
)
DESCRIPTIONS = (
    "对供应商进行评估与选择", "按计划组织生产", "跟踪订单的交付进度", "对到厂物料进行抽检",
    "定期走访重点客户并记录其意见", "收集竞争对手的价格信息", "核对账目与单据的一致性",
    "编制年度费用预算", "组织新员工的入职培训", "按月清点仓库物料",
)
TITLES = ("以客户为中心的生产业务模型", "供应链业务模型", "集团运营业务模型")
ISSUERS = ("华南制造股份有限公司", "北方物流集团", "东海电子有限公司")
SIGNATORIES = ("王建国", "李明", "张伟")
VERSIONS = ("Ver1.0", "Ver2.1", "V3.0")
PURPOSE = "明确各项业务的定义、输出以及相关的执行者、协助者和监控者。"
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()


@st.composite
def models(draw: st.DrawFn) -> Model:
    """A random model (see the module docstring)."""
    activity_names = iter(draw(st.permutations(ACTIVITIES)))
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=2, max_size=10, unique=True))
    depts = draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=5, unique=True))
    outputs = draw(st.lists(st.sampled_from(OUTPUTS), max_size=8, unique=True))
    parties = [f"role:{r}" for r in roles] + [f"dept:{d}" for d in depts]

    def some(pool: list[str], most: int, least: int = 0) -> list[str]:
        if not pool:
            return []
        return draw(st.lists(st.sampled_from(pool), min_size=least, max_size=most, unique=True))

    def activity(name: str, code: str, parent: str) -> Activity:
        role_ids = [f"role:{r}" for r in roles]
        responsible = some(role_ids, 2)
        assists = [r for r in some(role_ids, 2) if r not in responsible]
        monitors = [
            Monitor(id=m, rank=draw(st.sampled_from(("first", "other")))) for m in some(parties, 3)
        ]
        reports = []
        for source in some(role_ids, 2):
            for target in some([p for p in parties if p != source], 2):
                reports.append(Report(**{"from": source, "to": target}))
        return Activity(
            id=f"activity:{name}", name=name, code=code, kind="activity", parent=parent,
            description=draw(st.none() | st.sampled_from(DESCRIPTIONS)),
            outputs=some([f"output:{o}" for o in outputs], 2),
            responsible=responsible, assists=assists, monitors=monitors, reports=reports,
            interface_departments=some([f"dept:{d}" for d in depts], 1),
        )

    activities: list[Activity] = []
    areas = draw(st.lists(st.sampled_from(AREAS), min_size=1, max_size=3, unique=True))
    budget = len(ACTIVITIES)
    for n, area in enumerate(areas, start=2):
        if budget == 0:  # every area written has an activity (one without has no section)
            break
        area_id = f"activity:{area}"
        activities.append(Activity(id=area_id, name=area, code=str(n), kind="area"))
        for i in range(draw(st.integers(1, 3))):
            if budget == 0:
                break
            budget -= 1
            activities.append(top := activity(next(activity_names), f"{n}.{UPPER[i]}", area_id))
            kids = min(draw(st.integers(0, 2)), budget)
            bullets = kids > 0 and draw(st.booleans())  # sub-items straight under A.
            for j in range(kids):
                if budget == 0:  # the sub-items before took what was left
                    break
                budget -= 1
                mark = str(j + 1) if bullets else LOWER[j]
                activities.append(sub := activity(next(activity_names), f"{top.code}.{mark}", top.id))
                items = 0 if bullets else min(draw(st.integers(0, 2)), budget)
                for k in range(items):
                    budget -= 1
                    activities.append(
                        activity(next(activity_names), f"{sub.code}.{k + 1}", sub.id)
                    )
    # every leaf has a responsible role (a document of the family states one for each)
    parents = {a.parent for a in activities}
    for act in activities:
        if act.kind == "activity" and act.id not in parents and not act.responsible:
            act.responsible = [draw(st.sampled_from([f"role:{r}" for r in roles]))]
            act.assists = [r for r in act.assists if r not in act.responsible]
    member = {r: draw(st.none() | st.sampled_from(depts)) for r in roles}
    return Model(
        source=Source(
            id="test", title=draw(st.sampled_from(TITLES)), version=draw(st.sampled_from(VERSIONS)),
            issuer=draw(st.sampled_from(ISSUERS)), signatory=draw(st.sampled_from(SIGNATORIES)),
            purpose=draw(st.none() | st.just(PURPOSE)),
        ),
        departments=[Department(id=f"dept:{d}", name=d) for d in depts],
        roles=[
            Role(id=f"role:{r}", name=r, department=f"dept:{member[r]}" if member[r] else None)
            for r in roles
        ],
        outputs=[Output(id=f"output:{o}", name=o) for o in outputs],
        activities=activities,
    )


def facts(model: Model, codes: bool = True) -> dict[str, Any]:
    """What a written document must give back: every relationship the model states
    (PART_OF, PRODUCES, RESPONSIBLE, ASSISTS, MONITORS with rank, REPORTS_TO with its
    activity, BELONGS_TO, INTERFACES_WITH), each activity's code, kind and description, and
    the front matter in Simplified script (as names are: a PDF's text layer may give a
    character's other form, ``戶`` for ``户``).  ``codes=False`` leaves the activity codes
    out: a style numbers activities its own way (``3.2.1`` where the site writes ``2.B.a``)."""
    src = model.source

    def code(a: Any) -> str | None:
        return a.code if codes else None

    return {
        "statements": sorted(
            {(s.type, s.start, s.end, s.rank or "", s.context or "") for s in statements(model)}
        ),
        "activities": [(a.id, code(a), a.kind, a.parent, a.description) for a in model.activities],
        "source": tuple(
            to_simplified(x) if x else x
            for x in (src.title, src.version, src.issuer, src.signatory, src.purpose)
        ),
    }
