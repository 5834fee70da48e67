import type { Random } from './random.js';

/**
 * What people bring to the bureau and how it answers: one topic per typical matter, with the texts of
 * its history. Placeholders in braces are filled from the places of the area where it happens
 * ({road}, {community}, {school}, {market}, {village}, {town}, {station}) and small numbers ({n}, {age}).
 */
export type KindCode = 'consult' | 'help' | 'complaint' | 'report' | 'suggestion' | 'petition';

export type Route =
  /** answered by whoever first receives it (enquiries) */
  | 'direct'
  /** handled by the police station of the area */
  | 'station'
  /** a complaint about an officer's conduct: 督察大队, never the officer's own station */
  | 'conduct'
  /** a dispute between neighbours or family: the mediation centre, sometimes the station */
  | 'mediation'
  /** organised crime or public-order cases the 治安大队 takes over */
  | 'public_order';

export type Topic = {
  kind: KindCode;
  route: Route;
  contents: string[];
  replies: string[];
  /** Where it happens, if it happens somewhere. */
  place?: string;
  /** What the handler asks the citizen for, and what the citizen sends back. */
  request?: [ask: string, answer: string];
  notes?: string[];
  /** Why the citizen reopens it, when the answer did not settle it. */
  reopen?: string;
  /** Why it may not be accepted. */
  reject?: string;
  /** How likely the citizen gives an identity number. */
  idNumber?: number;
  /** How long handling takes, in days, when it differs from the usual for the kind. */
  days?: [number, number];
};

export const TOPICS: Topic[] = [
  // ---- 咨询 ----
  {
    kind: 'consult', route: 'direct', idNumber: 0.2,
    contents: [
      '我的身份证下个月到期，想问一下换领新证需要带哪些材料？在外地工作能不能异地办理？',
      '身份证有效期快到了，请问换证要本人去吗？{town}的派出所周末能办吗？',
    ],
    replies: [
      '您好！到期换领居民身份证需本人携带原身份证到任一派出所户籍窗口办理，现场采集照片和指纹，工本费20元。我省已开通跨省通办，在外地可就近到当地公安机关办理。户籍窗口周六上午正常办公。',
      '您好！换领身份证须本人到场采集人像和指纹，携带旧证即可，无需其他材料。各派出所户籍窗口工作日8:30-17:30、周六上午可办理，新证约15个工作日制成，可选择邮寄到家。',
    ],
  },
  {
    kind: 'consult', route: 'direct', idNumber: 0.1,
    contents: [
      '孩子上个月在县人民医院出生，想问办理新生儿入户需要准备什么材料？父母户口不在一起，随谁落户都可以吗？',
      '请问新生儿上户口需要哪些手续？孩子出生一个多月了，现在还来得及吗？',
    ],
    replies: [
      '您好！新生儿入户需携带《出生医学证明》、父母双方户口簿和居民身份证、结婚证，到随迁一方户籍所在地派出所户籍窗口办理。可随父或随母落户。建议出生后一个月内办理，超过期限也可以办理，不收取费用。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '单位招聘要求开具无犯罪记录证明，请问在哪里开？需要带什么？多久能拿到？',
      '我要去外地应聘，需要一份无犯罪记录证明，能否在网上申请？',
    ],
    replies: [
      '您好！无犯罪记录证明可到户籍所在地或居住地派出所申请，携带本人居民身份证、户口簿及用途说明（如单位出具的函）。经核查无犯罪记录的，一般当场或3个工作日内出具。也可通过公安政务服务平台网上申请、线上领取电子证明。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '我在{town}打工，户口在外省，请问办理居住证需要什么条件？办了以后孩子上学有什么用？',
    ],
    replies: [
      '您好！在本县居住满半年、有合法稳定就业或住所的，可凭身份证、租房合同或就业证明到居住地派出所申领居住证。居住证可作为随迁子女就近入学、办理出入境证件等事项的凭证，具体入学政策请咨询县教育局。',
    ],
  },
  {
    kind: 'consult', route: 'direct', idNumber: 0.3,
    contents: [
      '身份证昨天不小心弄丢了，明天要坐高铁去长沙，补办来不及，怎么办？',
      '身份证丢了，补办期间可以办临时身份证吗？需要多少钱？',
    ],
    replies: [
      '您好！可本人到任一派出所户籍窗口申请补领身份证，同时申请临时居民身份证（当场或次日可取，工本费10元）。如急需乘车，也可到火车站公安制证口办理临时乘车身份证明。请同时尽快挂失，防止被冒用。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '想给老人办护照带他出国旅游，请问办护照是在派出所还是在哪里？需要预约吗？',
      '我要去东南亚务工，护照在哪里办理？大概需要多长时间？',
    ],
    replies: [
      '您好！普通护照由县公安局出入境管理大队受理（县政务服务中心二楼），凭居民身份证即可办理，可通过“国家移民管理局”App提前预约。一般7个工作日内制证，可选择邮寄送达。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '在{community}买了房子，想把户口迁过来，孩子的户口能一起迁吗？需要什么手续？',
      '我嫁到{village}两年了，户口还在娘家，迁户口要先去哪里开证明？',
    ],
    replies: [
      '您好！购房落户需携带不动产权证书、居民户口簿、居民身份证到房屋所在地派出所申请，未成年子女可随同迁入。目前省内迁移已实行“一站式”办理，无需回原籍开具准迁证。',
      '您好！婚后投靠落户凭结婚证、双方户口簿和身份证到{station}户籍窗口办理即可，省内迁移已实行“一站式”办理，无需回原籍开证明。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '家里养了一条小狗，听说城区要办养犬登记，请问在哪里办？要不要钱？',
      '请问电动自行车上牌在哪里办？要带什么材料？',
    ],
    replies: [
      '您好！城区养犬登记请携带犬只免疫证明和身份证到居住地派出所办理，免收费用。请文明养犬，出户牵绳，及时清理犬只粪便。',
      '您好！电动自行车登记上牌由县公安局交警大队车管所办理（城关镇建设路），请携带身份证、购车发票和合格证，车辆须符合新国标。',
    ],
  },
  {
    kind: 'consult', route: 'direct',
    contents: [
      '我父亲户口本上的出生日期和身份证不一致，办社保时被卡住了，请问怎么更正？',
    ],
    replies: [
      '您好！户口登记项目变更更正请本人携带户口簿、身份证及能证明正确出生日期的原始材料（如出生证、入学档案、参军档案等）到户籍所在地派出所申请，经调查核实后办理，一般在20个工作日内答复。',
    ],
  },

  // ---- 求助 ----
  {
    kind: 'help', route: 'station', place: '{community}附近', idNumber: 0.4, days: [0.1, 0.6],
    contents: [
      '我父亲{age}岁，有老年痴呆，今天上午在{community}附近走失，穿灰色夹克，请民警帮忙寻找！',
      '家里老人早上出门买菜到现在没回来，手机也没带，最后有人看到他在{market}一带，请帮忙找一下。',
    ],
    replies: [
      '您好！民警接报后立即调取{road}沿线视频监控并组织巡逻力量寻找，当日已在{market}附近找到老人并安全送回家中。建议为老人佩戴写有联系方式的防走失手环。',
    ],
    notes: ['已通报辖区巡逻组和社区网格员协助寻找。', '调取视频监控发现老人往{road}方向步行，已安排警力沿线搜寻。'],
  },
  {
    kind: 'help', route: 'station', place: '{market}', idNumber: 0.6,
    contents: [
      '昨天下午在{market}附近丢了钱包，里面有身份证、银行卡和一千多元现金，有没有人捡到交到派出所？',
      '今天早上在{road}公交站丢了一个黑色挎包，包里有身份证和社保卡，请帮忙查找。',
    ],
    replies: [
      '您好！已为您登记失物信息并调看周边监控，暂未发现拾得人。您的证件已在系统中挂失，可持户口簿到户籍窗口补领身份证；如有群众拾得上交，我们将第一时间电话通知您。',
      '您好！经调取监控，您的挎包被一名环卫工人拾得并已交到{station}，请携带户口簿到所里认领。',
    ],
    request: ['请补充丢失的大致时间、具体地点和包的颜色款式，便于调取监控核查。', '大概是下午三点左右，在{market}南门卖水果的摊位旁边，是一个棕色的长款钱包。'],
  },
  {
    kind: 'help', route: 'mediation', place: '{community}{n}栋',
    contents: [
      '{community}{n}栋楼上住户卫生间漏水好几个月了，我家天花板都发霉了，多次上门沟通对方不理不睬，请派出所帮忙调解。',
      '和邻居因为楼道堆放杂物的事吵了好几次，昨天差点动手，希望派出所出面调解一下。',
    ],
    replies: [
      '您好！社区民警已会同社区调解员组织双方调解，楼上住户同意一周内请专业人员维修防水并承担您家天花板修复费用，双方签订了调解协议。如对方不履行，可向人民法院申请司法确认。',
    ],
    notes: ['已约双方本周五下午到社区调解室调解。', '双方情绪激动，调解时请社区网格员一同到场。'],
    reopen: '对方签了调解协议但到现在也没有维修，漏水还在继续，请再督促一下。',
  },
  {
    kind: 'help', route: 'station', place: '{village}', idNumber: 0.5,
    contents: [
      '我们十几个人在{village}的工地干了半年活，老板拖欠工资四万多元，现在联系不上人了，请派出所帮忙。',
    ],
    replies: [
      '您好！经民警联系，包工头已到派出所说明情况，承诺在本月底前结清工资。我们已将线索通报县人社局劳动保障监察大队跟进；如涉嫌拒不支付劳动报酬罪，将依法立案侦查。',
    ],
    notes: ['已联系县人社局劳动监察大队，共同约谈工程承包方。'],
  },
  {
    kind: 'help', route: 'station', place: '{community}',
    contents: [
      '我的电动车昨晚停在{community}楼下被偷了，车是新买的，希望帮忙看看监控能不能找回来。',
      '停在{school}门口的电动车不见了，锁也被撬了，请帮忙查一下。',
    ],
    replies: [
      '您好！已受理您的报警并立为盗窃案件，民警调取了周边监控，已锁定一名嫌疑人，正在进一步侦查。案件进展我们会及时告知您，也请您停车时尽量停放在有监控的集中充电点。',
      '您好！经监控排查和走访，民警已抓获盗窃嫌疑人，您的电动车已追回，请携带购车凭证到{station}认领。',
    ],
    request: ['请补充电动车的品牌、颜色和车架号（可看购车发票），以及大致丢失时间。', '雅迪牌，白色，车架号在发票上已拍照，晚上十点停的，早上七点发现不见了。'],
  },
  {
    kind: 'help', route: 'station', place: '{village}', idNumber: 0.3, days: [0.3, 3],
    contents: [
      '我丈夫经常酒后打人，昨天晚上又动手，孩子都吓坏了，我不敢回家，请派出所帮帮我。',
    ],
    replies: [
      '您好！民警已依法对您丈夫出具家庭暴力告诫书，并联系县妇联、{village}村委会跟进帮扶。您也可以向人民法院申请人身安全保护令，派出所将协助提供证据。如再次发生，请立即拨打110。',
    ],
    notes: ['已出具告诫书，安排社区民警一周后回访。'],
  },
  {
    kind: 'help', route: 'station', place: '{school}门口',
    contents: [
      '每天早上七点半{school}门口接送孩子的车辆乱停，堵得水泄不通，孩子过马路很危险，请上下学时段安排民警疏导。',
    ],
    replies: [
      '您好！已协调交警中队和{station}在上学、放学时段于{school}门口设立“护学岗”，并划定临时停车区域。请家长配合即停即走，共同维护校门口交通秩序。',
    ],
  },
  {
    kind: 'help', route: 'station', place: '{community}',
    contents: [
      '家里八十多岁的老人卧床多年，身份证过期了，去不了派出所，能不能上门办理？',
    ],
    replies: [
      '您好！针对行动不便的老年人，我所提供上门办证服务。户籍民警已于约定时间上门为老人采集照片和指纹，新证制成后将送证上门。',
    ],
    request: ['请提供老人的详细住址和方便上门的时间。', '住在{community}{n}栋，工作日上午家里都有人。'],
  },
  {
    kind: 'help', route: 'station', place: '{village}',
    contents: [
      '有人在网上冒用我的身份信息注册了公司，现在税务局找我，我根本不知道这回事，请公安帮忙查清楚。',
    ],
    replies: [
      '您好！已受理您反映的身份信息被冒用问题，民警已协助您向市场监管部门申请撤销冒名登记，并对冒用行为开展调查。请您保管好身份证件，不要随意向他人提供身份证照片。',
    ],
  },

  // ---- 投诉 ----
  {
    kind: 'complaint', route: 'station', place: '{road}',
    contents: [
      '{road}旁边的工地每天晚上十一点以后还在施工，打桩声音特别大，附近居民根本睡不着，请尽快处理！',
      '{community}对面的工地连续一个星期通宵施工，噪音扰民严重，打12345也没解决。',
    ],
    replies: [
      '您好！经民警现场核查，该工地确有夜间施工行为，已责令施工方立即停止22时后的高噪音作业，并通报县住建局、生态环境局依法处理。我们将加强夜间巡查。',
    ],
    reopen: '答复说已经处理了，可这几天晚上又开始施工了，还是吵得睡不着。',
    notes: ['夜间巡逻时到场查看，施工方已停工，明日联系住建局执法队。'],
  },
  {
    kind: 'complaint', route: 'mediation', place: '{community}广场',
    contents: [
      '{community}广场每天晚上跳广场舞，音响开得特别大，一直到十点多，家里有高三学生没法学习。',
    ],
    replies: [
      '您好！社区民警会同社区居委会约谈了广场舞队负责人，双方商定活动时间为19:00-21:00，音响音量控制在60分贝以下并调转音箱朝向。后续我们将持续关注。',
    ],
    reopen: '约定的事情没有遵守，这两天音响又开大了，还是跳到十点多。',
  },
  {
    kind: 'complaint', route: 'station', place: '{road}',
    contents: [
      '{road}上的烧烤店每天营业到凌晨两三点，喝酒划拳吵闹，还有人在路边打架，严重影响居民休息。',
      '{community}楼下新开的KTV半夜还很吵，楼上住户都睡不好觉。',
    ],
    replies: [
      '您好！民警已对该经营场所进行检查并依法予以警告，要求其24时后停止室外经营、控制音量。我们已将该地点列入夜间重点巡逻点位，如再有扰民可直接拨打110。',
    ],
  },
  {
    kind: 'complaint', route: 'conduct', idNumber: 0.5,
    contents: [
      '上周我到{station}户籍窗口办理迁户口，工作人员态度生硬，材料要求没有一次说清楚，让我来回跑了三趟，希望改进工作作风。',
      '今天上午在{station}办事，窗口工作人员一边玩手机一边办业务，我问了两遍都不耐烦，请领导管一管。',
    ],
    replies: [
      '您好！经督察大队调取窗口视频和询问当事人，您反映的情况基本属实。已对相关工作人员进行批评教育，{station}负责人已向您当面致歉，并在窗口公示了“一次性告知清单”。感谢您的监督。',
    ],
    notes: ['已调取窗口当日视频录像。', '已约谈窗口负责人，责令整改并一周后回查。'],
  },
  {
    kind: 'complaint', route: 'conduct', idNumber: 0.4,
    contents: [
      '前天晚上我家门口有人打架报了110，过了四十多分钟民警才到，人早跑了，出警太慢了。',
    ],
    replies: [
      '您好！经督察大队调取接处警记录，当晚{station}同时处置两起警情，到场时间确实偏长。已要求{station}优化夜间警力部署，并对值班民警进行提醒谈话。对方当事人已查找到，正依法处理。',
    ],
    notes: ['已调取当晚110接处警录音和执法记录仪视频。'],
  },
  {
    kind: 'complaint', route: 'conduct', idNumber: 0.6,
    contents: [
      '我去{station}报案说被人骗了钱，值班民警说这是经济纠纷让我去法院起诉，不给立案，我认为处理不当。',
    ],
    replies: [
      '您好！督察大队已会同法制大队对该报案进行审查，认为您反映的情况涉嫌诈骗，已责令{station}依法受案调查，并对接报民警进行批评教育。办案民警将与您联系。',
    ],
  },
  {
    kind: 'complaint', route: 'station', place: '{community}',
    contents: [
      '{community}门口的人行道长期被车辆占用，轮椅和婴儿车都过不去，物业不管，请处理。',
    ],
    replies: [
      '您好！已协调交警中队对该路段违停车辆开展集中整治，并督促物业在小区内部增划停车位。我们将不定期巡查。',
    ],
  },

  // ---- 举报 ----
  {
    kind: 'report', route: 'public_order', place: '{village}',
    contents: [
      '{village}有人在村里一栋老房子里长期聚众赌博，每天晚上都有十几个人，还有外地车辆进出，请依法查处。',
      '举报{road}一家麻将馆以打麻将为名赌博，赌资很大，有人输了几万块。',
    ],
    replies: [
      '您好！接到举报后，公安机关经秘密侦查，于夜间对该窝点进行了查处，依法行政拘留赌博人员6名，收缴赌资。感谢您的举报，我们将对举报人信息严格保密。',
    ],
    notes: ['线索较具体，已安排便衣民警蹲守摸排。'],
  },
  {
    kind: 'report', route: 'station',
    contents: [
      '今天接到一个自称“公检法”的电话，说我的银行卡涉嫌洗钱，让我把钱转到“安全账户”，我觉得是诈骗，号码是境外的，请你们查一下。',
      '有人冒充快递客服打电话说我的包裹丢了要理赔，让我下载一个会议软件共享屏幕，我挂了，举报这个号码。',
    ],
    replies: [
      '您好！您反映的是典型的冒充公检法诈骗。相关号码已报送反诈中心封停，感谢您提高警惕未受骗。公检法机关不会通过电话办案，更不存在“安全账户”，请转告家人朋友。',
    ],
  },
  {
    kind: 'report', route: 'station', place: '{road}',
    contents: [
      '{road}烧烤摊附近每天晚上都有人喝完酒开车离开，太危险了，建议加强查处。',
    ],
    replies: [
      '您好！交警中队已在该路段开展夜间酒驾专项查处，近期查获酒后驾驶3起。感谢您的举报。',
    ],
  },
  {
    kind: 'report', route: 'public_order', place: '{community}',
    contents: [
      '{community}有一伙外地年轻人租了几套房子，天天上课喊口号，不让他们出门，像是搞传销，请查一下。',
    ],
    replies: [
      '您好！经核查，该处确为传销窝点，公安机关会同市场监管部门已予以取缔，对组织者依法立案侦查，参与人员已劝返。感谢您的举报。',
    ],
    request: ['请补充具体楼栋门牌号，以及大概的人数和活动时间。', '在{community}{n}栋二单元，大概二十来个人，白天在屋里上课，晚上出来吃饭。'],
  },
  {
    kind: 'report', route: 'station', place: '{road}',
    contents: [
      '{road}附近有家网吧经常让未成年人进去上网，晚上十二点还有穿校服的学生在里面。',
    ],
    replies: [
      '您好！民警会同文化执法部门检查了该网吧，发现其接纳未成年人上网的违法行为，已依法移交文化部门处罚，并通知相关学生家长。',
    ],
  },
  {
    kind: 'report', route: 'station', place: '{village}河段',
    contents: [
      '{village}河段经常有人半夜用电瓶电鱼，河里的鱼都快绝了，还很危险，请依法打击。',
    ],
    replies: [
      '您好！民警会同县农业农村局渔政执法人员开展了夜间巡查，查获电鱼人员2名，收缴电鱼工具，已依法处理。',
    ],
  },
  {
    kind: 'report', route: 'station', place: '{village}',
    contents: [
      '{village}有个仓库里偷偷存放了大量烟花爆竹，周围都是民房，万一出事后果不堪设想。',
    ],
    replies: [
      '您好！民警会同应急管理部门对该仓库进行了检查，查获非法储存的烟花爆竹一批，已依法收缴并对当事人立案调查。',
    ],
  },

  // ---- 建议 ----
  {
    kind: 'suggestion', route: 'station',
    contents: [
      '感谢{station}的民警！上周我家孩子放学后走失，民警连夜帮忙找到了，特此表扬，也建议在学校附近多设几个“爱心护学岗”。',
      '要表扬{station}的户籍民警，我母亲行动不便，他们主动上门办了身份证，服务非常周到。',
    ],
    replies: [
      '您好！感谢您对公安工作的肯定，您的表扬已转达所在单位并记入民警执法档案。关于增设护学岗的建议，我们已在学校周边增设护学岗2个。',
      '您好！感谢您的认可，我们将继续做好上门办证等便民服务。',
    ],
  },
  {
    kind: 'suggestion', route: 'station',
    contents: [
      '上班族工作日没时间办证，建议户籍窗口周末全天开放，或者工作日中午和晚上延时服务。',
    ],
    replies: [
      '您好！感谢您的建议。自下月起，全县各派出所户籍窗口实行“错时延时”服务：工作日中午不休息，周六全天开放，并可通过微信公众号预约。',
    ],
  },
  {
    kind: 'suggestion', route: 'station', place: '{road}路口',
    contents: [
      '{road}和{road2}交叉的路口晚上没有路灯，也没有监控，经常发生刮擦，建议增设路灯和监控探头。',
    ],
    replies: [
      '您好！您的建议已转县城管局增设路灯，公安机关已将该路口纳入“雪亮工程”监控点位建设计划，预计年底前完成安装。',
    ],
  },
  {
    kind: 'suggestion', route: 'station', place: '{village}',
    contents: [
      '我们{village}老人多，最近好多人接到推销保健品和“养老投资”的电话，建议派出所来村里讲讲防诈骗。',
    ],
    replies: [
      '您好！{station}已联合村委会在{village}开展了防范电信网络诈骗宣传，发放宣传资料200余份，并为老年人安装“国家反诈中心”App。',
    ],
  },
  {
    kind: 'suggestion', route: 'direct',
    contents: [
      '建议公安局的网站和公众号增加办事进度查询功能，现在打电话问很不方便。',
      '建议在政务服务中心设立出入境证件自助受理机，减少排队时间。',
    ],
    replies: [
      '您好！感谢您的宝贵建议，现已开通“警民通”平台，凭查询码可随时查看办理进度。我们将继续改进便民服务。',
    ],
  },

  // ---- outside the police's remit: these may be answered with 不予受理 ----
  {
    kind: 'complaint', route: 'station', place: '{community}',
    contents: ['{community}物业把小区停车费从每月150元涨到300元，没有征求业主意见，不交就不让车进门，请公安局管一管。'],
    replies: ['您好！小区停车收费问题已转县住建局、发展和改革局调查处理。对物业阻拦车辆进出引发的纠纷，社区民警已到场维持秩序，请通过业主委员会依法协商。'],
    reject: '经审查，物业收费问题属于价格主管部门和住建部门职责，不属于公安机关管辖，已告知您拨打12345或向县住建局反映。',
  },
  {
    kind: 'report', route: 'station', place: '{market}',
    contents: ['{market}有几家商户在卖过期的食品和来路不明的冻肉，请查处。'],
    replies: ['您好！已将线索通报县市场监管局，联合检查了相关商户，查扣过期食品一批；冻肉来源涉嫌走私，已由公安机关立案侦查。'],
    reject: '经审查，您反映的食品安全问题由市场监管部门主管，已将线索移送县市场监管局处理，请拨打12315了解处理结果。',
  },
  {
    kind: 'help', route: 'station',
    contents: ['我借给朋友五万元，写了借条，到期不还还把我拉黑了，请派出所帮我把钱要回来。'],
    replies: ['您好！您与对方的借贷关系清楚，属于民间借贷纠纷。民警已联系对方到所协商，对方承诺分期还款；如对方仍不履行，可持借条向人民法院起诉。'],
    reject: '经审查，您反映的借款纠纷属于民事纠纷，不属于公安机关管辖，建议持借条向人民法院起诉；如发现对方有虚构事实骗取借款的情形，可再向公安机关报案。',
  },

  // ---- 信访 ----
  {
    kind: 'petition', route: 'station', place: '{village}', idNumber: 0.9,
    contents: [
      '本人与邻居因宅基地界址发生纠纷，对方殴打我致轻微伤，{station}处理半年了只是调解，对方没有受到任何处罚，请求依法处理并追究对方责任。',
    ],
    replies: [
      '您好！经复查，该案已由{station}作为治安案件受理，现已依法对殴打您的当事人处以行政拘留五日并处罚款。宅基地界址争议属于自然资源部门和人民法院处理范围，已向您告知相关途径。',
    ],
    notes: ['已调阅原案卷，原处理存在程序瑕疵，责令{station}重新审查。'],
    reject: '您反映的宅基地权属争议已经人民法院判决，属于通过诉讼途径解决的事项，依据《信访工作条例》第三十一条，不予受理，请通过申请再审等法定途径主张权利。',
  },
  {
    kind: 'petition', route: 'station', idNumber: 0.9,
    contents: [
      '我儿子今年十六岁，因早年超生一直没有户口，影响上学和办证，多次申请落户未果，请求公安机关依法为其办理户口登记。',
    ],
    replies: [
      '您好！根据国家关于解决无户口人员登记户口问题的规定，经核查您提供的出生医学证明和亲子鉴定材料，已为您儿子办理户口登记，请到{station}户籍窗口领取户口簿。',
    ],
    request: ['请补充孩子的出生医学证明或亲子鉴定报告复印件。', '出生医学证明原件已补交到信访接待室，亲子鉴定报告下周拿到。'],
  },
  {
    kind: 'petition', route: 'station', idNumber: 0.9,
    contents: [
      '去年我被网络刷单诈骗八万元，已经在{station}报案立案，一年多了没有任何进展，打电话问也说在查，请求尽快破案追回损失。',
    ],
    replies: [
      '您好！经督办，该案已串并为跨省系列诈骗案，主要嫌疑人已抓获，部分涉案资金已冻结，待案件审结后依法返还。办案民警将定期向您通报进展。',
    ],
    notes: ['请刑侦大队提供案件侦查进展，确保按期答复。'],
  },
  {
    kind: 'petition', route: 'public_order', idNumber: 0.9,
    contents: [
      '我们三十多名群众参加了{town}某投资公司的“理财项目”，现在公司老板跑路，本金无法兑付，请求公安机关立案侦查、追缴资金。',
    ],
    replies: [
      '您好！县公安局已对该公司涉嫌非法吸收公众存款案立案侦查，对主要嫌疑人采取刑事强制措施，查封冻结涉案资产。请集资参与人到专案组登记，依法有序维权。',
    ],
    reject: '您反映的问题已由县公安局立案侦查并多次书面答复，属于重复信访，依据《信访工作条例》第三十二条不再重复受理，案件进展可向专案组查询。',
  },
  {
    kind: 'petition', route: 'mediation', place: '{village}', idNumber: 0.8,
    contents: [
      '我家与堂兄弟因祖屋拆迁补偿款分配长期纠纷，多次发生冲突，村里调解不成，请求公安机关出面处理，防止矛盾激化。',
    ],
    replies: [
      '您好！县矛盾纠纷调解中心会同{town}司法所、村委会组织了三次联合调解，双方已就补偿款分配达成调解协议。{station}将持续关注，防止矛盾反复。',
    ],
    notes: ['纠纷有激化风险，已列入重点矛盾纠纷台账。'],
  },
];

/** A note any handler might add. */
export const GENERIC_NOTES = [
  '已电话联系当事人，约定明日上门了解情况。',
  '已向所领导汇报，安排社区民警跟进。',
  '当事人情绪较激动，注意做好解释工作。',
  '已实地查看，情况基本属实，正在协调相关部门。',
  '当事人电话未接通，已发短信告知联系方式。',
];

export const GENERIC_REQUEST: [string, string] = [
  '请补充具体地址或发生时间，便于民警核实。',
  '具体在{community}{n}栋附近，一般是晚上九点以后。',
];

export const GENERIC_REOPEN = '答复内容没有解决我的问题，情况依旧，请重新处理。';
export const REOPEN_REPLY = '您好！收到您的再次反映后，我们重新核查了办理情况，已针对您提出的问题进一步处理，并将在两周内回访。感谢您的监督。';

export const SUPERVISION = {
  instructions: [
    '该事项群众反映强烈，请单位负责人亲自过问，限期办结并书面反馈。',
    '请加快办理，于督办期限内反馈办理情况。',
    '请核实处置过程是否规范，调取执法记录仪视频，限期书面反馈。',
  ],
  /** For a matter that has run late. */
  late: '该事项办理时间过长，请说明原因并于督办期限内办结。',
  answers: [
    '已安排专人办理，已与当事人面谈，预计本周内答复。',
    '经核查，处置过程符合规定，已向当事人做好解释，详细情况见书面报告。',
    '所领导已亲自过问，已明确责任民警，近日内办结。',
  ],
};

export const TRANSFER_REASONS = {
  toStation: (station: string) => `该事项发生在${station}辖区，请依职责办理。`,
  wrongStation: (station: string) => `该地点属${station}辖区，请依职责办理。`,
  returned: (station: string) => `经核实，该地址不属本所辖区，应属${station}管辖，请重新分派。`,
  conduct: '涉及民警执法执勤行为，转督察大队调查核实。',
  mediation: '系矛盾纠纷，转矛盾纠纷调解中心组织调解。',
  publicOrder: '涉嫌违法犯罪线索，转治安管理大队查处。',
  inside: (officer: string) => `窗口受理，转${officer}办理。`,
  petition: (unit: string) => `信访事项已受理，转${unit}依法办理并按期答复。`,
};

export const PETITION_EXTENSION = '案情复杂，需调取的证据材料较多，经局领导批准延期30日办结。';
export const HEARING_PAUSE = ['当事人对处理意见有异议，组织听证，听证期间不计入办理期限。', '听证会已举行，听证意见已形成。'] as const;

export const CHANNEL_PREFIX: Record<string, string> = {
  phone: '来电反映：', window: '', visit: '来访反映：', letter: '来信反映：', portal: '',
};

/** Fills the placeholders in a text. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
}

/** A set of values for the placeholders, drawn once per matter so that its texts agree with each other. */
export function placeVars(rng: Random, places: { town: string; roads: string[]; communities: string[]; schools: string[];
  markets: string[]; villages: string[] }, station: string): Record<string, string> {
  const roads = rng.sample(places.roads, 2);
  return {
    town: places.town, road: roads[0], road2: roads[1] ?? '环城路', community: rng.pick(places.communities), school: rng.pick(places.schools),
    market: rng.pick(places.markets), village: rng.pick(places.villages), station, n: String(rng.int(1, 18)), age: String(rng.int(68, 86)),
  };
}
