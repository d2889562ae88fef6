"""Articles: the text the facts were read from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, StoreDep, answer_or_404, id_path
from okg.graph.views import ArticleDetail

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get(
    "/{article_id}",
    response_model=ArticleDetail,
    summary="One article",
    description="The article's text and the facts extracted from it (`okg.facts.Article`), each with its "
    "evidence: the sentence and the character span in the original input.",
    responses=examples.answers("article", not_found="article"),
)
async def get_article(store: StoreDep, ask: AskDep, article_id: Annotated[str, id_path("article", examples.IDS["article"])]):
    return answer_or_404(await ask(store.article, article_id), "article", article_id)
