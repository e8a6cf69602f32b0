// name: viz-activity
// description: The neighbourhood of an activity (or business area) as a drawable subgraph: who is responsible, assists and monitors, its outputs, parent and sub-activities, interface departments, and the reporting lines stated in its context (used by `kg viz activity`).
// param: activity: activity (required) — e.g. 客户意见直接反馈
// returns: activity (the activity), nodes (every node to draw), relationships (every relationship to draw)
// $activity is an id (`kg viz` and `kg query` resolve names first): an index seek.
MATCH (activity:Activity {id: $activity})
WITH activity,
     COLLECT {
       MATCH (activity)-[l:RESPONSIBLE|ASSISTS|MONITORS|PRODUCES|PART_OF|INTERFACES_WITH]-()
       RETURN DISTINCT l
     } + COLLECT {
       MATCH (:Role)-[l:REPORTS_TO]->(:Role|Department)
       WHERE activity.id IN l.activities
       RETURN l
     } AS relationships
RETURN activity,
       reduce(ns = [activity], l IN relationships | ns + [startNode(l), endNode(l)]) AS nodes,
       relationships
