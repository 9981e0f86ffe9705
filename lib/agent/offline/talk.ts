/**
 * Conversation that is not a request on tasks: yes and no, greetings, thanks,
 * goodbyes, help, and what the assistant cannot do here (the chat, the account).
 */
import { AFFIRMATIVE } from "../confirmation.ts";
import { type Intent } from "./intent.ts";

/** Yes, no, greetings, thanks, goodbyes, help, and the chat or account asked about; else null. */
export function parseConversational(lower: string): Intent[] | null {
  const bare = lower.replace(/[\s.!?,]+$/g, "");
  if (AFFIRMATIVE.test(bare)) return [{ type: "yes" }];
  if (
    /^(?:no|nope|nah|cancel|stop|never ?mind(?: (?:it|that|this))?|nvm|don't|do not|not yet|wait|hold on|hang on|forget (?:it|that|about it)|(?:oh )?(?:well|ok(?:ay)?),? never ?mind|no,? (?:thanks|thank you|don't|keep them|cancel|not yet|wait|no|stop|hold on|forget it|never ?mind))$/
      .test(bare)
  ) {
    return [{ type: "no" }];
  }
  // Greetings, and questions about the assistant itself: who it is, what it does.
  if (
    /^(?:hi|hello|hey|hey there|hi there|good (?:morning|afternoon|evening)|yo|sup|howdy|how are you(?: doing| today)?|who are you|what are you|are you (?:a bot|an ai|a robot|real|human|chatgpt|gpt)|what(?:'s| is) your name|what model are you|which model are you)$/
      .test(bare)
  ) {
    return [{ type: "greeting" }];
  }
  // Praise is thanked for; a complaint is asked about.
  if (
    /^(?:you(?:'re| are) (?:amazing|great|awesome|the best|brilliant|so helpful|helpful)|i love (?:this|it|you|this app)|love it|good (?:job|bot)|well done)$/
      .test(bare)
  ) {
    return [{ type: "thanks" }];
  }
  if (
    /^(?:you suck|this (?:is )?(?:useless|stupid|dumb|broken|rubbish|terrible|bad)|(?:you're|you are) (?:useless|stupid|dumb|wrong|broken)|bad bot|that's not what i (?:said|asked|wanted)|that's not right|wrong)$/
      .test(bare)
  ) {
    return [{ type: "mistake" }];
  }
  if (
    /^(?:(?:(?:great|perfect|awesome|cool|nice|ok|okay|k|kk|brilliant|excellent|lovely|wonderful|amazing)[,!.]?\s+)?(?:thanks|thank you|thx|ty|cheers|tysm|tnx)(?: (?:so much|a lot|very much))?|great|perfect|awesome|cool|nice|👍|👌|🙏|🙌|(?:ok(?:ay)?,? )?got it(?:,? (?:thanks|thank you|thx))?|(?:ok(?:ay)?,? )?understood|makes sense|i see|i saw that)$/u
      .test(bare)
  ) {
    return [{ type: "thanks" }];
  }
  if (
    /^(?:(?:thanks|thank you|thx|ty|cheers|great|perfect|ok|okay|cool|nice|awesome|alright|all right)[,!.]?\s+){0,2}(?:bye|goodbye|good bye|bye bye|see you(?: later| soon| tomorrow)?|see ya|later|good night|night|that's all(?: for (?:now|today))?|that's it(?: for (?:now|today))?|that is all|i'm (?:all )?done(?: for (?:now|today)| here| with you| talking)?|you're done|we're done(?: here)?|are we done|that's all i needed|i am done(?: for (?:now|today))?|i'm finished(?: for (?:now|today))?|done for (?:now|today)|(?:i have |i've got |there's )?nothing (?:else|more)(?: to add)?|no more|that's everything)(?:,? (?:thanks|thank you)(?: so much)?)?$/
      .test(bare)
  ) {
    return [{ type: "goodbye" }];
  }
  if (
    /^(?:help|what can you do|what can i (?:say|ask|do here)|how does this work|what do you do|how do i use (?:this|you)|(?:can you |could you |will you )?help me(?: (?:organi[sz]e|plan|manage|sort out|keep track of|get on top of)(?: .*)?)?)\??$/
      .test(bare) ||
    // "how do I delete a task?", "can you mark things done?": how, not a request on a task.
    /^(?:how (?:do|can|would|should) (?:i|you|we)|can (?:i|you)|could (?:i|you)|is it possible to|am i able to) (?:delete|remove|add|create|complete|finish|mark|tick off|check off|rename|edit|change|reopen|undo|clear|note)(?: (?:a|the|my|some|any|several|more than one|multiple))? ?(?:tasks?|things?|items?|to-?dos?|notes?|something|stuff)?(?: (?:as )?(?:done|complete|completed))?$/
        .test(bare) && /\?\s*$|^how\b/.test(lower)
  ) {
    return [{ type: "help" }];
  }
  return null;
}
