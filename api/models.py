"""The API's own request and response models; the read models come from okg.graph.views."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from okg.extract import engines

# The engines this server can run, found once when the API is imported (no engine is started): the
# schema offers only them, and one that is not installed here is refused (422) saying how to install it.
RUNNABLE_ENGINES = engines.runnable()


def _runnable_engine(name: str) -> str:
    if name in RUNNABLE_ENGINES:
        return name
    why = engines.unavailable(name) if name in engines.ENGINES else f"unknown engine {name!r}"
    raise ValueError(f"{why}; this server runs: {', '.join(RUNNABLE_ENGINES)}")


Engine = Annotated[str, AfterValidator(_runnable_engine)]


class Health(BaseModel):
    status: str = Field(description="ok when the store answered", examples=["ok"])
    store: str = Field(description="the kind of store being served: embedded or neo4j", examples=["embedded"])
    version: str = Field(examples=["0.1.0"])
    counts: dict[str, int] = Field(
        description="nodes and relationships, and one entry per label and relationship type",
        examples=[{"nodes": 61, "relationships": 143, "Person": 20, "Event": 4, "ATTENDED": 31}],
    )


class IngestText(BaseModel):
    """News text to extract facts from, as a JSON body."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "本报讯 3 月 28 日，全县抓党建促基层治理能力提升动员暨培训会议召开。县委书记解芳出席并作动员讲话，县委副书记、县长李翔主持会议。",
                    "source": "county-daily-2024-03-29.txt",
                    "date": "2024-03-29",
                    "home": "X县",
                }
            ]
        },
    )

    text: str = Field(min_length=1, description="the article text, one or more articles of a page")
    source: str | None = Field(default=None, max_length=1000, description="file name or URL the text came from")
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="publication date (YYYY, YYYY-MM or YYYY-MM-DD): gives the year to dates written without one",
    )
    home: str | None = Field(default=None, max_length=100, description="the source's home county, to which 我县/县委 refer")
    engine: Engine = Field(
        default="hanlp",
        description="extraction engine: one this server has installed (hanlp2 and lac need their extras)",
        json_schema_extra={"enum": RUNNABLE_ENGINES},
    )


class IngestedArticle(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    counts: dict[str, int] = Field(description="facts extracted from the article, by kind")


class IngestResult(BaseModel):
    articles: list[IngestedArticle] = Field(description="the articles read from the input, in order")
    new_articles: int = Field(description="how many of them were not in the store before (0 when the same text is sent again)")
    nodes: int = Field(description="nodes in the store after the load")
    relationships: int = Field(description="relationships in the store after the load")
